import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { recordset } from "@/lib/db/recordset";
import { upsertOpenError } from "@/lib/errors/record";
import { smartcarUsers, vehicleErrorSignals, vehicleErrors, vehicles, vehicleSignals, signalHistory } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import { syncConnectionHealth } from "@/lib/reauth/connection-health";
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

/** Signals that name the car rather than measure it: their latest value is kept on the vehicle row itself. */
const IDENTITY_COLUMNS = { "vehicleidentification-nickname": "nickname", "vehicleidentification-vin": "vin" } as const;

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

type StateEvent = Extract<WebhookEvent, { eventType: "VEHICLE_STATE" }>;

/** What applyVehicleStates needs of a report: a VEHICLE_STATE event, or signals fetched through the API. */
export type SignalReport = Pick<StateEvent, "smartcarVehicleId" | "smartcarUserId" | "signals"> & {
  meta: Pick<StateEvent["meta"], "deliveredAt">;
  /** A VIN the event's `data.vehicle` carried (some payload versions do), kept like a VIN signal. */
  vehicle?: Pick<StateEvent["vehicle"], "vin">;
};

interface Reading {
  /** Index of the event in the batch that contributed this reading. */
  source: number;
  vehicleId: string;
  smartcarVehicleId: string;
  signal: NormalizedSignal;
  at: Date;
  fetchedAt: Date;
}

const iso = (date: Date) => date.toISOString();

/**
 * Applies many VEHICLE_STATE events in a handful of statements. Because every rule is a maximum
 * (newest value, newest fetch, latest signal time) or a set union (history), folding the batch in
 * memory first gives exactly the state that applying the events one by one in any order would.
 */
export async function applyVehicleStates(db: Database, events: SignalReport[]): Promise<ApplyResult[]> {
  const vehicleIds = [...new Set(events.map((event) => event.smartcarVehicleId))];
  const userIds = [...new Set(events.map((event) => event.smartcarUserId).filter((id): id is string => id !== null))];
  const fleet = new Map(
    (await db.select({ id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId }).from(vehicles).where(inArray(vehicles.smartcarVehicleId, vehicleIds))).map(
      (row) => [row.smartcarVehicleId, row.id],
    ),
  );
  const owners = new Map(
    userIds.length === 0
      ? []
      : (await db.select({ id: smartcarUsers.id, userId: smartcarUsers.userId }).from(smartcarUsers).where(inArray(smartcarUsers.id, userIds))).map((row) => [row.id, row.userId]),
  );

  const latest = new Map<string, Reading>();
  const failedLatest = new Map<string, Reading>();
  const history = new Map<string, Reading>();
  const newestPerVehicle = new Map<string, Date>();
  const now = new Date();
  events.forEach((event, source) => {
    const vehicleId = fleet.get(event.smartcarVehicleId);
    if (!vehicleId) return;
    for (const signal of event.signals) {
      const fetchedAt = signal.retrievedAt ?? event.meta.deliveredAt ?? now;
      const key = `${vehicleId}|${signal.code}`;
      if (signal.status !== "SUCCESS") {
        const known = failedLatest.get(key);
        if (!known || fetchedAt > known.fetchedAt) failedLatest.set(key, { source, vehicleId, smartcarVehicleId: event.smartcarVehicleId, signal, at: fetchedAt, fetchedAt });
        continue;
      }
      const at = readingTime(signal, event.meta.deliveredAt);
      if (!at) continue;
      const reading: Reading = { source, vehicleId, smartcarVehicleId: event.smartcarVehicleId, signal, at, fetchedAt };
      const known = latest.get(key);
      if (!known || at > known.at) latest.set(key, { ...reading, fetchedAt: known && known.fetchedAt > fetchedAt ? known.fetchedAt : fetchedAt });
      else if (fetchedAt > known.fetchedAt) known.fetchedAt = fetchedAt;
      const historyKey = `${key}|${at.getTime()}`;
      if (!history.has(historyKey)) history.set(historyKey, reading);
      const newest = newestPerVehicle.get(vehicleId);
      if (!newest || at > newest) newestPerVehicle.set(vehicleId, at);
    }
  });

  const applied = new Map<number, Set<string>>();
  const historyAdded = new Map<number, number>();
  const count = (map: Map<number, Set<string>>, source: number, code: string) => map.set(source, (map.get(source) ?? new Set()).add(code));

  const newerIdentities: Reading[] = [];
  if (latest.size > 0) {
    const rows = [...latest.values()];
    const newer = sql`(vs.oem_updated_at is null or excluded.oem_updated_at > vs.oem_updated_at)`;
    const fresherFetch = sql`(vs.retrieved_at is null or excluded.retrieved_at >= vs.retrieved_at)`;
    const records = rows.map((r) => ({ vehicle_id: r.vehicleId, code: r.signal.code, name: r.signal.name, group: r.signal.group, body: r.signal.body ?? null, at: iso(r.at), fetched_at: iso(r.fetchedAt) }));
    const result = (await db.execute(sql`
      insert into ${vehicleSignals} as vs (vehicle_id, code, name, "group", body, status, error, oem_updated_at, retrieved_at, updated_at)
      select r.vehicle_id, r.code, r.name, r."group", r.body, 'SUCCESS', null, r.at, r.fetched_at, now()
      from ${recordset(records)} as r(vehicle_id uuid, code text, name text, "group" text, body jsonb, at timestamptz, fetched_at timestamptz)
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
      returning vehicle_id, code`)) as unknown as Rows<{ vehicle_id: string; code: string }>;
    for (const row of result.rows) {
      const reading = latest.get(`${row.vehicle_id}|${row.code}`);
      if (!reading) continue;
      count(applied, reading.source, row.code);
      if (reading.signal.code in IDENTITY_COLUMNS) newerIdentities.push(reading);
    }
  }

  if (failedLatest.size > 0) {
    const rows = [...failedLatest.values()];
    const records = rows.map((r) => ({ vehicle_id: r.vehicleId, code: r.signal.code, name: r.signal.name, group: r.signal.group, status: r.signal.status, error: r.signal.error ?? null, fetched_at: iso(r.fetchedAt) }));
    const result = (await db.execute(sql`
      insert into ${vehicleSignals} as vs (vehicle_id, code, name, "group", body, status, error, oem_updated_at, retrieved_at, updated_at)
      select r.vehicle_id, r.code, r.name, r."group", null, r.status, r.error, null, r.fetched_at, now()
      from ${recordset(records)} as r(vehicle_id uuid, code text, name text, "group" text, status text, error jsonb, fetched_at timestamptz)
      on conflict (vehicle_id, code) do update set
        status = excluded.status, error = excluded.error, retrieved_at = excluded.retrieved_at, updated_at = now()
      where vs.retrieved_at is null or excluded.retrieved_at > vs.retrieved_at
      returning vehicle_id, code`)) as unknown as Rows<{ vehicle_id: string; code: string }>;
    for (const row of result.rows) {
      const reading = failedLatest.get(`${row.vehicle_id}|${row.code}`);
      if (reading) count(applied, reading.source, row.code);
    }
  }

  if (history.size > 0) {
    const rows = [...history.values()];
    const result = (await db.execute(sql`
      insert into ${signalHistory} (vehicle_id, code, body, oem_updated_at)
      select r.vehicle_id, r.code, r.body, r.at
      from ${recordset(rows.map((r) => ({ vehicle_id: r.vehicleId, code: r.signal.code, body: r.signal.body ?? null, at: iso(r.at) })))}
        as r(vehicle_id uuid, code text, body jsonb, at timestamptz)
      on conflict (vehicle_id, code, oem_updated_at) do nothing
      returning vehicle_id, code, oem_updated_at`)) as unknown as Rows<{ vehicle_id: string; code: string; oem_updated_at: string | Date }>;
    for (const row of result.rows) {
      const reading = history.get(`${row.vehicle_id}|${row.code}|${new Date(row.oem_updated_at).getTime()}`);
      if (reading) historyAdded.set(reading.source, (historyAdded.get(reading.source) ?? 0) + 1);
    }
  }

  for (const reading of newerIdentities) {
    const value = (reading.signal.body as { value?: unknown } | null)?.value;
    if (typeof value !== "string") continue;
    const column = sql.raw(IDENTITY_COLUMNS[reading.signal.code as keyof typeof IDENTITY_COLUMNS]);
    await db.execute(sql`update ${vehicles} set ${column} = ${value} where id = ${reading.vehicleId}`);
  }

  const vinsCarried = new Map<string, string>();
  for (const event of events) {
    const vehicleId = fleet.get(event.smartcarVehicleId);
    if (vehicleId && event.vehicle?.vin) vinsCarried.set(vehicleId, event.vehicle.vin);
  }
  for (const [vehicleId, vin] of vinsCarried) {
    await db.execute(sql`update ${vehicles} set vin = ${vin} where id = ${vehicleId} and vin is distinct from ${vin}`);
  }

  const closedFor = new Map<string, number>();
  let readingsToCheck: Reading[] = [];
  if (newestPerVehicle.size > 0) {
    // Also says which of these vehicles have open webhook errors; usually none, and then there is nothing to close.
    const touched = (await db.execute(sql`
      update ${vehicles} v set last_signal_at = greatest(v.last_signal_at, r.at), updated_at = now()
      from (values ${sql.join([...newestPerVehicle].map(([id, at]) => sql`(${id}::uuid, ${iso(at)}::timestamptz)`), sql`, `)}) as r(id, at)
      where v.id = r.id
      returning v.smartcar_vehicle_id as svid,
        exists (select 1 from ${vehicleErrors} e where e.smartcar_vehicle_id = v.smartcar_vehicle_id and e.state = 'open' and e.source = 'webhook') as "hasOpenErrors"`)) as unknown as Rows<{ svid: string; hasOpenErrors: boolean }>;
    const withOpenErrors = new Set(touched.rows.filter((row) => row.hasOpenErrors).map((row) => row.svid));
    readingsToCheck = [...history.values()].filter((reading) => withOpenErrors.has(reading.smartcarVehicleId));
  }
  if (readingsToCheck.length > 0) {
    const closed = (await db.execute(sql`
      update ${vehicleErrors} e set state = 'resolved', closed_at = now()
      from ${recordset(readingsToCheck.map((r) => ({ svid: r.smartcarVehicleId, code: r.signal.code, at: iso(r.at) })))} as r(svid text, code text, at timestamptz)
      where e.smartcar_vehicle_id = r.svid and e.state = 'open' and e.source = 'webhook' and r.at > e.last_seen_at
        and (
          exists (select 1 from ${vehicleErrorSignals} s where s.error_id = e.id and s.code = r.code)
          or (e.type = 'VEHICLE_STATE' and e.code in (${sql.join(REACHABILITY_CODES.map((code) => sql`${code}`), sql`, `)}))
        )
      returning e.id, e.vehicle_id`)) as unknown as Rows<{ id: string; vehicle_id: string | null }>;
    for (const row of closed.rows) if (row.vehicle_id) closedFor.set(row.vehicle_id, (closedFor.get(row.vehicle_id) ?? 0) + 1);
  }

  const errorsNoticeSent = new Set<string>();
  return events.map((event, source) => {
    const vehicleId = fleet.get(event.smartcarVehicleId) ?? null;
    const userId = event.smartcarUserId ? (owners.get(event.smartcarUserId) ?? null) : null;
    const routing: ApplySummary["routing"] = !vehicleId ? "unknown_vehicle" : !event.smartcarUserId ? "no_user" : userId ? "matched" : "unknown_user";
    if (!vehicleId) {
      return {
        status: "unmatched",
        vehicleId,
        userId,
        summary: { routing, signalsReceived: event.signals.length, note: "vehicle is not in the fleet; kept in the inbox for replay" },
        live: [],
      };
    }
    const codes = [...(applied.get(source) ?? [])];
    const live: LiveEvent[] = codes.length > 0 ? [{ type: "vehicle", vehicleId, codes }] : [];
    const errorsClosed = errorsNoticeSent.has(vehicleId) ? 0 : (closedFor.get(vehicleId) ?? 0);
    if (errorsClosed > 0) {
      errorsNoticeSent.add(vehicleId);
      live.push({ type: "errors", vehicleId });
    }
    return {
      status: "processed",
      vehicleId,
      userId,
      summary: { routing, signalsReceived: event.signals.length, signalsApplied: codes.length, historyAdded: historyAdded.get(source) ?? 0, errorsClosed },
      live,
    };
  });
}

async function openOrRefreshError(
  db: Database,
  smartcarVehicleId: string,
  vehicleId: string | null,
  error: VehicleErrorItem,
  seenAt: Date,
): Promise<"opened" | "refreshed"> {
  const row = await upsertOpenError(db, {
    smartcarVehicleId,
    vehicleId,
    type: error.type,
    code: error.code,
    source: "webhook",
    description: error.description,
    suggestedUserMessage: error.suggestedUserMessage,
    docUrl: error.docUrl,
    resolutionType: error.resolution?.type ?? null,
    resolutionUrl: error.resolution?.url ?? null,
    statusCode: error.statusCode,
    seenAt,
  });
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
  if (event.eventType === "VEHICLE_STATE") return (await applyVehicleStates(db, [event]))[0]!;
  const route = await routeEvent(db, event.smartcarVehicleId, event.smartcarUserId);
  const base = { vehicleId: route.vehicleId, userId: route.userId };

  // Errors are worth keeping even for a car not (yet) in the fleet: the error center lists them as unmatched.
  const { summary, live } = await applyVehicleError(db, event, route.vehicleId);
  if (route.vehicleId) await syncConnectionHealth(db, route.vehicleId);
  return {
    ...base,
    status: route.routing === "unknown_vehicle" ? "unmatched" : "processed",
    summary: { routing: route.routing, ...summary },
    live,
  };
}
