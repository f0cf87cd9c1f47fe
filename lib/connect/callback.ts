import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import type { LiveHub } from "@/lib/live/hub";
import { connections, vehicles } from "@/lib/db/schema";
import { isSmartcarError, type SmartcarClient } from "@/lib/smartcar";
import { consumeConnectAttempt, recordConnectOutcome, type ConsumeStateResult } from "./attempts";
import { importSmartcarUserVehicles } from "./import-vehicles";
import { recordReconnect } from "@/lib/reauth/reconnect";

export type ConnectCallbackOutcome =
  | { kind: "connected"; vehicleIds: string[] }
  | { kind: "reconnected"; vehicleId: string; viaLink?: boolean }
  | { kind: "connect_error"; error: string; description: string | null; statusCode: number | null; errorMessage: string | null; make: string | null }
  | { kind: "invalid_state"; reason: Extract<ConsumeStateResult, { ok: false }>["reason"] }
  | { kind: "invalid_redirect"; reason: string }
  | { kind: "smartcar_error"; message: string; suggestedUserMessage: string | null };

/**
 * The server side of Connect's redirect. Nothing is stored unless `state` names an unused, unexpired
 * attempt of this user. A success stores the Smartcar user (the v3 identity) against the owner and
 * imports that user's vehicles through the v3 API; a re-authentication confirms the vehicle answers.
 */
export async function completeConnectCallback(
  db: Database,
  smartcar: SmartcarClient,
  sessionUserId: string | null,
  callbackUrl: URL,
  hub: LiveHub | null = null,
): Promise<ConnectCallbackOutcome> {
  const redirect = smartcar.parseConnectRedirect(callbackUrl);
  const consumed = await consumeConnectAttempt(db, redirect.state, sessionUserId);
  if (!consumed.ok) return { kind: "invalid_state", reason: consumed.reason };
  const { attempt } = consumed;

  const outcome = await settle();
  await recordConnectOutcome(db, attempt.id, outcome.kind === "connect_error" ? `connect_error:${outcome.error}` : outcome.kind);
  return outcome;

  async function settle(): Promise<ConnectCallbackOutcome> {
    if (redirect.kind === "invalid") return { kind: "invalid_redirect", reason: redirect.reason };
    if (redirect.kind === "error") {
      return {
        kind: "connect_error",
        error: redirect.error,
        description: redirect.description,
        statusCode: redirect.statusCode,
        errorMessage: redirect.errorMessage,
        make: redirect.vehicle?.make ?? null,
      };
    }
    try {
      if (redirect.kind === "reauthenticated") {
        if (attempt.purpose !== "reauthenticate" || !attempt.vehicleId) return { kind: "invalid_redirect", reason: "unexpected re-authentication" };
        const confirmed = await confirmReauthentication(db, smartcar, attempt.vehicleId, redirect.vehicleId);
        if (confirmed.kind !== "reconnected") return confirmed;
        const viaLink = attempt.startedBy === null;
        await recordReconnect(db, { vehicleId: confirmed.vehicleId, connectAttemptId: attempt.id, ownerId: attempt.ownerId, via: viaLink ? "link" : "app" });
        return { ...confirmed, viaLink };
      }
      let smartcarUserId = redirect.userId;
      let onlyVehicleIds: string[] | undefined;
      if (redirect.code) {
        // The code must be exchanged to complete the grant; its per-vehicle tokens tell us which cars
        // were picked in this session, and who the user is when Connect did not say.
        const tokens = await smartcar.exchangeCode(redirect.code);
        smartcarUserId ??= await smartcar.v2Api.user(tokens.accessToken);
        onlyVehicleIds = await smartcar.v2Api.vehicles(tokens.accessToken);
      }
      if (!smartcarUserId) return { kind: "invalid_redirect", reason: "Connect returned neither a user id nor a code" };
      const imported = await importSmartcarUserVehicles(db, smartcar, { smartcarUserId, ownerId: attempt.ownerId, onlyVehicleIds, hub });
      return { kind: "connected", vehicleIds: imported.map((vehicle) => vehicle.id) };
    } catch (error) {
      if (isSmartcarError(error)) {
        return { kind: "smartcar_error", message: error.description, suggestedUserMessage: error.suggestedUserMessage };
      }
      throw error;
    }
  }
}

async function confirmReauthentication(
  db: Database,
  smartcar: SmartcarClient,
  vehicleId: string,
  returnedSmartcarVehicleId: string,
): Promise<ConnectCallbackOutcome> {
  const [row] = await db
    .select({ smartcarVehicleId: vehicles.smartcarVehicleId, smartcarUserId: connections.smartcarUserId })
    .from(vehicles)
    .innerJoin(connections, eq(connections.vehicleId, vehicles.id))
    .where(eq(vehicles.id, vehicleId))
    .limit(1);
  if (!row || row.smartcarVehicleId !== returnedSmartcarVehicleId) {
    return { kind: "invalid_redirect", reason: "Connect re-authenticated a different vehicle" };
  }
  // The vehicle must answer again before it counts as reconnected.
  await smartcar.getVehicle({ userId: row.smartcarUserId, vehicleId: row.smartcarVehicleId });
  await db
    .update(connections)
    .set({ status: "active", lastReconnectedAt: sql`now()` })
    .where(and(eq(connections.vehicleId, vehicleId), eq(connections.smartcarUserId, row.smartcarUserId)));
  return { kind: "reconnected", vehicleId };
}
