import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicleErrors, vehicles } from "@/lib/db/schema";
import { syncConnectionHealth } from "@/lib/reauth/connection-health";
import type { SmartcarError } from "@/lib/smartcar/errors";
import { callsForReauthentication, clearedByLaterSuccess, nextAttemptAfterApiError } from "./guidance";

/**
 * Errors from Fleetdeck's own Smartcar calls, kept in the same records as the webhook's VEHICLE_ERROR
 * items (one open record per vehicle, type and code), and closed again when a later call succeeds.
 */

type Rows<T> = { rows: T[] };

export interface ReportedError {
  smartcarVehicleId: string;
  vehicleId: string | null;
  type: string;
  code: string | null;
  source: "webhook" | "api";
  description: string | null;
  suggestedUserMessage: string | null;
  docUrl: string | null;
  resolutionType: string | null;
  resolutionUrl: string | null;
  statusCode: number | null;
  seenAt: Date;
}

/**
 * Opens the one open record for (vehicle, type, code), or refreshes it while the error recurs: the
 * same statement for webhook VEHICLE_ERROR items and for Fleetdeck's own failed calls.
 */
export async function upsertOpenError(db: Database, error: ReportedError): Promise<{ id: string; inserted: boolean; occurrences: number }> {
  const at = error.seenAt.toISOString();
  const result = (await db.execute(sql`
    insert into ${vehicleErrors} as e
      (vehicle_id, smartcar_vehicle_id, type, code, state, source, description, suggested_user_message, doc_url,
       resolution_type, resolution_url, status_code, first_seen_at, last_seen_at)
    values (${error.vehicleId}, ${error.smartcarVehicleId}, ${error.type}, ${error.code}, 'open', ${error.source}, ${error.description},
      ${error.suggestedUserMessage}, ${error.docUrl}, ${error.resolutionType}, ${error.resolutionUrl}, ${error.statusCode},
      ${at}::timestamptz, ${at}::timestamptz)
    on conflict (smartcar_vehicle_id, type, coalesce(code, '')) where state = 'open' do update set
      vehicle_id = coalesce(excluded.vehicle_id, e.vehicle_id),
      occurrences = e.occurrences + 1,
      last_seen_at = greatest(e.last_seen_at, excluded.last_seen_at),
      description = coalesce(excluded.description, e.description),
      suggested_user_message = coalesce(excluded.suggested_user_message, e.suggested_user_message),
      doc_url = coalesce(excluded.doc_url, e.doc_url),
      resolution_type = coalesce(excluded.resolution_type, e.resolution_type),
      resolution_url = coalesce(excluded.resolution_url, e.resolution_url),
      status_code = coalesce(excluded.status_code, e.status_code)
    returning id, occurrences, (xmax = 0) as inserted`)) as unknown as Rows<{ id: string; occurrences: number; inserted: boolean }>;
  const row = result.rows[0]!;
  return { id: row.id, inserted: row.inserted, occurrences: Number(row.occurrences) };
}

/** Opens or refreshes the vehicle's error record for a failed API call; returns its id. */
export async function recordApiError(db: Database, vehicleId: string, error: SmartcarError, now = new Date()): Promise<string> {
  const [vehicle] = await db.select({ smartcarVehicleId: vehicles.smartcarVehicleId }).from(vehicles).where(eq(vehicles.id, vehicleId)).limit(1);
  if (!vehicle) throw new Error(`recordApiError: no vehicle ${vehicleId}`);
  const row = await upsertOpenError(db, {
    smartcarVehicleId: vehicle.smartcarVehicleId,
    vehicleId,
    type: error.type,
    code: error.code,
    source: "api",
    description: error.description,
    suggestedUserMessage: error.suggestedUserMessage,
    docUrl: error.docURL,
    resolutionType: error.resolution.type,
    resolutionUrl: error.resolution.url,
    statusCode: error.statusCode,
    seenAt: now,
  });
  const retryAt = nextAttemptAfterApiError({ retryAfterSeconds: error.retryAfter, retryable: error.isRetryable(), occurrences: row.occurrences }, now);
  await db.update(vehicleErrors).set({ retryAt }).where(eq(vehicleErrors.id, row.id));
  if (error.needsReauthentication()) await syncConnectionHealth(db, vehicleId);
  return row.id;
}

/**
 * A call for this vehicle just succeeded: close the open errors that success disproves (login,
 * reachability, rate limits, upstream trouble), whatever reported them. Returns how many closed.
 */
export async function closeErrorsAfterSuccess(db: Database, vehicleId: string, now = new Date()): Promise<number> {
  const open = await db
    .select({ id: vehicleErrors.id, type: vehicleErrors.type, code: vehicleErrors.code, resolutionType: vehicleErrors.resolutionType })
    .from(vehicleErrors)
    .where(and(eq(vehicleErrors.vehicleId, vehicleId), eq(vehicleErrors.state, "open")));
  const cleared = open.filter(clearedByLaterSuccess);
  if (cleared.length === 0) return 0;
  await db
    .update(vehicleErrors)
    .set({ state: "resolved", closedAt: now, note: "Closed automatically: a later request for this vehicle succeeded." })
    .where(and(inArray(vehicleErrors.id, cleared.map((error) => error.id)), eq(vehicleErrors.state, "open")));
  if (cleared.some(callsForReauthentication)) await syncConnectionHealth(db, vehicleId);
  return cleared.length;
}

/** Closes the vehicle's open errors that call for re-authentication, after the owner reconnected. */
export async function closeReauthenticationErrors(db: Database, vehicleId: string, now = new Date()): Promise<number> {
  const open = await db
    .select({ id: vehicleErrors.id, type: vehicleErrors.type, code: vehicleErrors.code, resolutionType: vehicleErrors.resolutionType })
    .from(vehicleErrors)
    .where(and(eq(vehicleErrors.vehicleId, vehicleId), eq(vehicleErrors.state, "open")));
  const reauth = open.filter(callsForReauthentication);
  if (reauth.length === 0) return 0;
  await db
    .update(vehicleErrors)
    .set({ state: "resolved", closedAt: now, note: "Closed automatically: the owner reconnected the vehicle." })
    .where(and(inArray(vehicleErrors.id, reauth.map((error) => error.id)), eq(vehicleErrors.state, "open")));
  return reauth.length;
}
