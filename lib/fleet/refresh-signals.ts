import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import { canSeeVehicle, type SessionUser } from "@/lib/auth/guards";
import type { Database } from "@/lib/db";
import { connections, vehicles } from "@/lib/db/schema";
import { closeErrorsAfterSuccess, recordApiError } from "@/lib/errors/record";
import { isSmartcarError, type SmartcarClient } from "@/lib/smartcar";
import { applyVehicleStates } from "@/lib/webhooks/apply";

export type RefreshOutcome =
  | { kind: "refreshed"; signals: number; applied: number }
  | { kind: "forbidden" }
  | { kind: "not_found" }
  | { kind: "no_connection" }
  | {
      kind: "smartcar_error";
      type: string;
      code: string | null;
      message: string;
      resolution: string | null;
      retryAfterSeconds: number | null;
    };

/**
 * "Refresh now": reads every signal of one vehicle through the v3 API on behalf of the Smartcar user
 * that connected it, and stores them with the same rules as webhook reports (newer readings win,
 * history keeps each distinct one). A failure is recorded in the error center and explained.
 */
export async function refreshVehicleSignals(db: Database, smartcar: SmartcarClient, user: SessionUser, vehicleId: string): Promise<RefreshOutcome> {
  if (!(await canSeeVehicle(db, user, vehicleId))) return { kind: "not_found" };
  if (user.role === "viewer") return { kind: "forbidden" };
  const [target] = await db
    .select({ smartcarVehicleId: vehicles.smartcarVehicleId, smartcarUserId: connections.smartcarUserId })
    .from(vehicles)
    .innerJoin(connections, eq(connections.vehicleId, vehicles.id))
    .where(and(eq(vehicles.id, vehicleId), ne(connections.status, "revoked")))
    .orderBy(asc(connections.status), asc(connections.connectedAt))
    .limit(1);
  if (!target) return { kind: "no_connection" };

  try {
    const fetchedAt = new Date();
    const signals = await smartcar.listSignals({ userId: target.smartcarUserId, vehicleId: target.smartcarVehicleId });
    const [result] = await applyVehicleStates(db, [
      { smartcarVehicleId: target.smartcarVehicleId, smartcarUserId: target.smartcarUserId, signals, meta: { deliveredAt: fetchedAt } },
    ]);
    await closeErrorsAfterSuccess(db, vehicleId);
    return { kind: "refreshed", signals: signals.length, applied: result?.summary.signalsApplied ?? 0 };
  } catch (error) {
    if (!isSmartcarError(error)) throw error;
    await recordApiError(db, vehicleId, error);
    return {
      kind: "smartcar_error",
      type: error.type,
      code: error.code,
      message: error.suggestedUserMessage ?? error.description,
      resolution: error.resolution.type,
      retryAfterSeconds: error.retryAfter,
    };
  }
}
