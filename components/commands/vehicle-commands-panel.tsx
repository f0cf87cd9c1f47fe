import { canSeeVehicle, getSessionUser } from "@/lib/auth/guards";
import { vehicleCommandPanel } from "@/lib/commands/panel";
import { getDb } from "@/lib/db";
import { VehicleCommands } from "./vehicle-commands";

/**
 * The vehicle page's commands section (server part): managers and the vehicle's owners get it,
 * viewers never.
 */
export async function VehicleCommandsPanel({ vehicleId }: { vehicleId: string }) {
  const user = await getSessionUser();
  if (!user || user.role === "viewer") return null;
  const db = getDb();
  if (!(await canSeeVehicle(db, user, vehicleId))) return null;
  const panel = await vehicleCommandPanel(db, user, vehicleId);
  return panel ? <VehicleCommands vehicleId={vehicleId} initial={panel} /> : null;
}
