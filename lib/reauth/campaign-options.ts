import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicleErrors } from "@/lib/db/schema";
import { describeSmartcarError } from "@/lib/smartcar/error-catalog";

/** Open error codes with the number of vehicles they affect, for picking a campaign's vehicles. */
export async function listOpenErrorCodes(db: Database): Promise<{ key: string; label: string }[]> {
  const rows = await db
    .select({ type: vehicleErrors.type, code: vehicleErrors.code, vehicles: sql<number>`count(distinct ${vehicleErrors.vehicleId})::int` })
    .from(vehicleErrors)
    .where(eq(vehicleErrors.state, "open"))
    .groupBy(vehicleErrors.type, vehicleErrors.code)
    .orderBy(vehicleErrors.type, vehicleErrors.code);
  return rows.map((row) => ({
    key: `${row.type}:${row.code ?? ""}`,
    label: `${row.type}${row.code ? `:${row.code}` : ""} — ${describeSmartcarError(row.type, row.code).title} (${row.vehicles})`,
  }));
}
