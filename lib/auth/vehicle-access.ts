import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, vehicles } from "@/lib/db/schema";
import type { SessionUser } from "./session-user";
import { UUID } from "./users";

/** Which vehicles a user may see. Re-exported by guards.ts; kept apart so it can be tested without a request. */

/** managers and viewers see every vehicle; owners only vehicles with a connection whose owner_id is theirs. */
export async function canSeeVehicle(db: Database, user: SessionUser, vehicleId: string): Promise<boolean> {
  if (user.role !== "owner") return true;
  if (!UUID.test(vehicleId)) return false;
  const rows = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.vehicleId, vehicleId), eq(connections.ownerId, user.id)))
    .limit(1);
  return rows.length > 0;
}

/** A Drizzle SQL condition on `vehicles` restricting a query to what `user` may see (undefined = no restriction). */
export function visibleVehiclesCondition(user: SessionUser): SQL | undefined {
  if (user.role !== "owner") return undefined;
  return sql`exists (select 1 from ${connections} where ${connections.vehicleId} = ${vehicles.id} and ${connections.ownerId} = ${user.id})`;
}
