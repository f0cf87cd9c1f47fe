import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { smartcarUsers, vehicleErrorSignals, vehicleErrors, vehicles, vehicleSignals, signalHistory } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import type { NormalizedSignal } from "@/lib/smartcar/types";
import type { VehicleErrorItem, WebhookEvent } from "@/lib/smartcar/webhook-events";

/**
 * Applies one parsed webhook event to the fleet's projections. Every write here is safe to repeat and
 * independent of arrival order, so the worker's eventId ledger is the only thing that makes an event
 * count once, and a replay from the inspector cannot corrupt state:
 *
 * - latest signal values (`vehicle_signals`) are replaced only by a reading with a newer
 *   `oemUpdatedAt`; a reading fetched later that succeeded clears an ERROR status without rolling
 *   the value back;
 * - `signal_history` keeps one row per (vehicle, code, oemUpdatedAt), so every distinct reading once;
 * - `VEHICLE_ERROR` opens or refreshes one open error per (vehicle, type, code); `state: RESOLVED`
 *   closes it.
 *
 * Closing rule for errors on a successful VEHICLE_STATE: an open webhook error is closed when a
 * successful reading newer than the error's last sighting arrives for a signal that the error named
 * (its `signals` list), or, for VEHICLE_STATE errors that say the car could not be reached (ASLEEP,
 * UNREACHABLE, VEHICLE_OFFLINE_FOR_SERVICE), when any newer successful reading arrives — the car
 * evidently answered. Errors that need a person (re-authentication, subscription, compatibility,
 * permission) stay open until Smartcar reports them RESOLVED or someone closes them.
 */

const REACHABILITY_CODES = ["ASLEEP", "UNREACHABLE", "VEHICLE_OFFLINE_FOR_SERVICE"];

export type ApplyStatus = "processed" | "unmatched" | "unhandled";

export interface ApplySummary {
  routing: "matched" | "unknown_vehicle" | "unknown_user" | "no_user";
  signalsReceived?: number;
  signalsApplied?: number;
  historyAdded?: number;
  errorsOpened?: number;
  errorsRefreshed?: number;
  errorsClosed?: number;
  note?: string;
}

export interface ApplyResult {
  status: ApplyStatus;
  vehicleId: string | null;
  userId: string | null;
  summary: ApplySummary;
  live: LiveEvent[];
}

interface Route {
  vehicleId: string | null;
  userId: string | null;
  routing: ApplySummary["routing"];
}

async function routeEvent(db: Database, smartcarVehicleId: string | null, smartcarUserId: string | null): Promise<Route> {
  const [vehicle] = smartcarVehicleId
    ? await db.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.smartcarVehicleId, smartcarVehicleId)).limit(1)
    : [];
  const [owner] = smartcarUserId
    ? await db.select({ userId: smartcarUsers.userId }).from(smartcarUsers).where(eq(smartcarUsers.id, smartcarUserId)).limit(1)
    : [];
  const routing: Route["routing"] = !vehicle ? "unknown_vehicle" : !smartcarUserId ? "no_user" : owner ? "matched" : "unknown_user";
  return { vehicleId: vehicle?.id ?? null, userId: owner?.userId ?? null, routing };
}

/** When a reading happened, for ordering; readings without any time cannot be ordered and are skipped. */
function readingTime(signal: NormalizedSignal, fallback: Date | null): Date | null {
  return signal.oemUpdatedAt ?? signal.retrievedAt ?? fallback;
}

type Rows<T> = { rows: T[] };

async function applySuccessfulSignals(
  db: Database,
  vehicleId: string,
  readings: { signal: NormalizedSignal; at: Date; fetchedAt: Date }[],
): Promise<{ applied: string[]; historyAdded: number }> {
  if (readings.length === 0) return { applied: [], historyAdded: 0 };
  const values = sql.join(
    readings.map(
      ({ signal, at, fetchedAt }) =>
        sql`(${vehicleId}::uuid, ${signal.code}, ${signal.name}, ${signal.group}, ${JSON.stringify(signal.body)}::jsonb, 'SUCCESS', null::jsonb, ${at.toISOString()}::timestamptz, ${fetchedAt.toISOString()}::timestamptz, now())`,
    ),
    sql`, `,
  );
  const newer = sql`(vs.oem_updated_at is null or excluded.oem_updated_at > vs.oem_updated_at)`;
  const fresherFetch = sql`(vs.retrieved_at is null or excluded.retrieved_at >= vs.retrieved_at)`;
  const latest = (await db.execute(sql`
    insert into ${vehicleSignals} as vs (vehicle_id, code, name, "group", body, status, error, oem_updated_at, retrieved_at, updated_at)
    values ${values}
    on conflict (vehicle_id, code) do update set
      name = excluded.name,
      "group" = excluded."group",
      body = case when ${newer} then excluded.body else vs.body end,
      oem_updated_at = greatest(vs.oem_updated_at, excluded.oem_updated_at),
      retrieved_at = greatest(vs.retrieved_at, excluded.retrieved_at),
      status = 'SUCCESS',
      error = null,
      updated_at = now()
    where ${newer} or (vs.status <> 'SUCCESS' and ${fresherFetch})
    returning code`)) as unknown as Rows<{ code: string }>;

  const history = sql.join(
    readings.map(({ signal, at }) => sql`(${vehicleId}::uuid, ${signal.code}, ${JSON.stringify(signal.body)}::jsonb, ${at.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const added = (await db.execute(sql`
    insert into ${signalHistory} (vehicle_id, code, body, oem_updated_at)
    values ${history}
    on conflict (vehicle_id, code, oem_updated_at) do nothing
    returning id`)) as unknown as Rows<{ id: number }>;

  const newest = readings.reduce((max, reading) => (reading.at > max ? reading.at : max), readings[0]!.at);
  await db.execute(sql`
    update ${vehicles} set last_signal_at = greatest(last_signal_at, ${newest.toISOString()}::timestamptz), updated_at = now()
    where id = ${vehicleId}`);
  return { applied: latest.rows.map((row) => row.code), historyAdded: added.rows.length };
}

/** An ERROR/UNAVAILABLE reading flags the signal without discarding its last good value. */
async function applyFailedSignals(db: Database, vehicleId: string, readings: { signal: NormalizedSignal; fetchedAt: Date }[]): Promise<string[]> {
  if (readings.length === 0) return [];
  const values = sql.join(
    readings.map(
      ({ signal, fetchedAt }) =>
        sql`(${vehicleId}::uuid, ${signal.code}, ${signal.name}, ${signal.group}, null::jsonb, ${signal.status}, ${signal.error ? JSON.stringify(signal.error) : null}::jsonb, null::timestamptz, ${fetchedAt.toISOString()}::timestamptz, now())`,
    ),
    sql`, `,
  );
  const result = (await db.execute(sql`
    insert into ${vehicleSignals} as vs (vehicle_id, code, name, "group", body, status, error, oem_updated_at, retrieved_at, updated_at)
    values ${values}
    on conflict (vehicle_id, code) do update set
      status = excluded.status, error = excluded.error, retrieved_at = excluded.retrieved_at, updated_at = now()
    where vs.retrieved_at is null or excluded.retrieved_at > vs.retrieved_at
    returning code`)) as unknown as Rows<{ code: string }>;
  return result.rows.map((row) => row.code);
}

async function closeErrorsAnsweredBy(
  db: Database,
  smartcarVehicleId: string,
  readings: { signal: NormalizedSignal; at: Date }[],
): Promise<number> {
  if (readings.length === 0) return 0;
  const newest = readings.reduce((max, reading) => (reading.at > max ? reading.at : max), readings[0]!.at);
  const codeTimes = sql.join(
    readings.map(({ signal, at }) => sql`(${signal.code}, ${at.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const closed = (await db.execute(sql`
    update ${vehicleErrors} e set state = 'resolved', closed_at = now()
    where e.smartcar_vehicle_id = ${smartcarVehicleId} and e.state = 'open' and e.source = 'webhook'
      and (
        exists (
          select 1 from ${vehicleErrorSignals} s join (values ${codeTimes}) as r(code, at) on r.code = s.code
          where s.error_id = e.id and r.at > e.last_seen_at)
        or (e.type = 'VEHICLE_STATE' and e.code in (${sql.join(REACHABILITY_CODES.map((code) => sql`${code}`), sql`, `)})
            and ${newest.toISOString()}::timestamptz > e.last_seen_at)
      )
    returning e.id`)) as unknown as Rows<{ id: string }>;
  return closed.rows.length;
}

async function applyVehicleState(
  db: Database,
  event: Extract<WebhookEvent, { eventType: "VEHICLE_STATE" }>,
  vehicleId: string,
): Promise<{ summary: Partial<ApplySummary>; live: LiveEvent[] }> {
  const fallback = event.meta.deliveredAt;
  const now = new Date();
  const successful: { signal: NormalizedSignal; at: Date; fetchedAt: Date }[] = [];
  const failed: { signal: NormalizedSignal; fetchedAt: Date }[] = [];
  const seen = new Set<string>();
  for (const signal of event.signals) {
    // A payload naming one signal twice keeps its first reading, so one statement never updates a row twice.
    if (seen.has(signal.code)) continue;
    seen.add(signal.code);
    const fetchedAt = signal.retrievedAt ?? fallback ?? now;
    if (signal.status === "SUCCESS") {
      const at = readingTime(signal, fallback);
      if (at) successful.push({ signal, at, fetchedAt });
    } else {
      failed.push({ signal, fetchedAt });
    }
  }
  const { applied, historyAdded } = await applySuccessfulSignals(db, vehicleId, successful);
  const flagged = await applyFailedSignals(db, vehicleId, failed);
  const errorsClosed = await closeErrorsAnsweredBy(db, event.smartcarVehicleId, successful);
  const changed = [...applied, ...flagged];
  const live: LiveEvent[] = changed.length > 0 ? [{ type: "vehicle", vehicleId, codes: changed }] : [];
  if (errorsClosed > 0) live.push({ type: "errors", vehicleId });
  return {
    summary: { signalsReceived: event.signals.length, signalsApplied: changed.length, historyAdded, errorsClosed },
    live,
  };
}

async function openOrRefreshError(
  db: Database,
  smartcarVehicleId: string,
  vehicleId: string | null,
  error: VehicleErrorItem,
  seenAt: Date,
): Promise<"opened" | "refreshed"> {
  const result = (await db.execute(sql`
    insert into ${vehicleErrors} as e
      (vehicle_id, smartcar_vehicle_id, type, code, state, source, description, suggested_user_message, doc_url,
       resolution_type, resolution_url, status_code, first_seen_at, last_seen_at)
    values (${vehicleId}, ${smartcarVehicleId}, ${error.type}, ${error.code}, 'open', 'webhook', ${error.description},
      ${error.suggestedUserMessage}, ${error.docUrl}, ${error.resolution?.type ?? null}, ${error.resolution?.url ?? null},
      ${error.statusCode}, ${seenAt.toISOString()}::timestamptz, ${seenAt.toISOString()}::timestamptz)
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
    returning id, (xmax = 0) as inserted`)) as unknown as Rows<{ id: string; inserted: boolean }>;
  const row = result.rows[0]!;
  if (error.signalCodes.length > 0) {
    await db
      .insert(vehicleErrorSignals)
      .values(error.signalCodes.map((code) => ({ errorId: row.id, code })))
      .onConflictDoNothing();
  }
  return row.inserted ? "opened" : "refreshed";
}

async function resolveError(db: Database, smartcarVehicleId: string, error: VehicleErrorItem, resolvedAt: Date): Promise<number> {
  const result = (await db.execute(sql`
    update ${vehicleErrors} set state = 'resolved', closed_at = now()
    where smartcar_vehicle_id = ${smartcarVehicleId} and type = ${error.type} and coalesce(code, '') = ${error.code ?? ""}
      and state = 'open' and last_seen_at <= ${resolvedAt.toISOString()}::timestamptz
    returning id`)) as unknown as Rows<{ id: string }>;
  return result.rows.length;
}

async function applyVehicleError(
  db: Database,
  event: Extract<WebhookEvent, { eventType: "VEHICLE_ERROR" }>,
  vehicleId: string | null,
): Promise<{ summary: Partial<ApplySummary>; live: LiveEvent[] }> {
  const seenAt = event.meta.deliveredAt ?? new Date();
  let errorsOpened = 0;
  let errorsRefreshed = 0;
  let errorsClosed = 0;
  for (const error of event.errors) {
    if (error.state === "RESOLVED") {
      errorsClosed += await resolveError(db, event.smartcarVehicleId, error, seenAt);
    } else if ((await openOrRefreshError(db, event.smartcarVehicleId, vehicleId, error, seenAt)) === "opened") {
      errorsOpened += 1;
    } else {
      errorsRefreshed += 1;
    }
  }
  return { summary: { errorsOpened, errorsRefreshed, errorsClosed }, live: [{ type: "errors", vehicleId }] };
}

/** Applies a parsed event inside the caller's transaction (which already holds the vehicle's lock). */
export async function applyWebhookEvent(db: Database, event: WebhookEvent): Promise<ApplyResult> {
  if (event.eventType === "VERIFY" || event.eventType === "UNHANDLED") {
    return { status: "unhandled", vehicleId: null, userId: null, summary: { routing: "no_user", note: "nothing to apply" }, live: [] };
  }
  const route = await routeEvent(db, event.smartcarVehicleId, event.smartcarUserId);
  const base = { vehicleId: route.vehicleId, userId: route.userId };

  if (event.eventType === "VEHICLE_ERROR") {
    // Errors are worth keeping even for a car not (yet) in the fleet: the error center lists them as unmatched.
    const { summary, live } = await applyVehicleError(db, event, route.vehicleId);
    return {
      ...base,
      status: route.routing === "unknown_vehicle" ? "unmatched" : "processed",
      summary: { routing: route.routing, ...summary },
      live,
    };
  }
  if (!route.vehicleId) {
    return {
      ...base,
      status: "unmatched",
      summary: { routing: route.routing, signalsReceived: event.signals.length, note: "vehicle is not in the fleet; kept in the inbox for replay" },
      live: [],
    };
  }
  const { summary, live } = await applyVehicleState(db, event, route.vehicleId);
  return { ...base, status: "processed", summary: { routing: route.routing, ...summary }, live };
}
