import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicleErrors } from "@/lib/db/schema";
import { SmartcarError, type SmartcarClient } from "@/lib/smartcar";

/**
 * The re-authentication URL for a vehicle, built on the server: from the latest open error's
 * `resolution.url` when Smartcar gave one (it may carry OEM-specific parameters), otherwise from scratch.
 */
export async function reauthenticationUrlForVehicle(
  db: Database,
  smartcar: SmartcarClient,
  vehicle: { id: string; smartcarVehicleId: string },
  state: string,
): Promise<string> {
  const [withUrl] = await db
    .select()
    .from(vehicleErrors)
    .where(and(eq(vehicleErrors.vehicleId, vehicle.id), eq(vehicleErrors.state, "open"), eq(vehicleErrors.resolutionType, "REAUTHENTICATE"), isNotNull(vehicleErrors.resolutionUrl)))
    .orderBy(desc(vehicleErrors.lastSeenAt))
    .limit(1);
  if (!withUrl) return smartcar.reauthenticateUrl(vehicle.smartcarVehicleId, { state });
  const error = new SmartcarError({
    type: withUrl.type,
    code: withUrl.code,
    statusCode: withUrl.statusCode ?? 0,
    description: withUrl.description ?? "",
    resolution: { type: withUrl.resolutionType, url: withUrl.resolutionUrl },
  });
  return smartcar.reauthenticateUrlForError(error, vehicle.smartcarVehicleId, { state });
}
