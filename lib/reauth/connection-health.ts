import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, vehicleErrors } from "@/lib/db/schema";
import { callsForReauthentication } from "@/lib/errors/guidance";

export type ConnectionHealth = "active" | "needs_reauth";

/**
 * Recomputes a vehicle's connection status from its open errors: `needs_reauth` while any open error
 * calls for re-authentication, `active` otherwise. Revoked connections are left alone. It reads the
 * current open errors rather than reacting to one event, so calling it again, or after events that
 * arrived out of order, always lands on the same answer.
 */
export async function syncConnectionHealth(db: Database, vehicleId: string): Promise<ConnectionHealth> {
  const open = await db
    .select({ type: vehicleErrors.type, code: vehicleErrors.code, resolutionType: vehicleErrors.resolutionType })
    .from(vehicleErrors)
    .where(and(eq(vehicleErrors.vehicleId, vehicleId), eq(vehicleErrors.state, "open")));
  const health: ConnectionHealth = open.some(callsForReauthentication) ? "needs_reauth" : "active";
  await db
    .update(connections)
    .set({ status: health })
    .where(and(eq(connections.vehicleId, vehicleId), ne(connections.status, "revoked"), ne(connections.status, health)));
  return health;
}
