import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { webhookDeliveries, webhookProcessedEvents, webhookReplays } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import type { LiveHub } from "@/lib/live/hub";
import { parseWebhookBody, type WebhookEvent } from "@/lib/smartcar/webhook-events";
import { operationsProjection } from "@/lib/alerts/projection";
import type { AppliedEvent } from "@/lib/alerts/readings";
import { getLogger } from "@/lib/log";
import { applyVehicleStates, applyWebhookEvent, type ApplyResult } from "./apply";
import type { InboxWriter } from "./inbox";

/**
 * Drains the webhook inbox outside the request. Claims are row locks taken with
 * `FOR UPDATE SKIP LOCKED` inside the processing transaction: each delivery is processed by exactly
 * one instance, and if that instance dies mid-event its connection drops, PostgreSQL rolls the
 * transaction back and the row is pending and unlocked again for whoever polls next — no lease to
 * expire, nothing to clean up after a restart. `statement_timeout` and
 * `idle_in_transaction_session_timeout` bound how long a hung (not dead) instance can hold a claim.
 *
 * Events touching one vehicle are serialised with a transaction-scoped advisory lock per vehicle,
 * taken in ascending key order so two instances claiming overlapping vehicles cannot deadlock.
 */

type Logger = { warn: (context: object, message: string) => void; error: (context: object, message: string) => void };

export interface InboxWorkerOptions {
  db: Database;
  hub: LiveHub;
  /** Deliveries per transaction. Small on PGlite, where a transaction holds the only connection. */
  batchSize?: number;
  /** Safety net behind the wake-up signals. */
  pollIntervalMs?: number;

  maxAttempts?: number;
  log?: Logger;
  /**
   * Awaited before each claim. On PGlite a processing transaction holds the only connection, so the
   * worker waits for the receiver's pending acknowledgements (bounded, so processing never starves).
   */
  beforeClaim?: () => Promise<void>;
}

interface ClaimedDelivery {
  id: number;
  eventId: string;
  smartcarVehicleId: string | null;
  rawBody: string;
}

const CLAIM_TIMEOUT = "30s";

/** A stable 64-bit advisory-lock key per Smartcar vehicle id. */
export function vehicleLockKey(smartcarVehicleId: string): bigint {
  return createHash("sha256").update(`fleetdeck:vehicle:${smartcarVehicleId}`).digest().readBigInt64BE(0);
}

async function lockVehicles(db: Database, smartcarVehicleIds: (string | null)[]): Promise<void> {
  const keys = [...new Set(smartcarVehicleIds.filter((id): id is string => id !== null).map(vehicleLockKey))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  if (keys.length === 0) return;
  // unnest yields the keys in array order, so they are locked in ascending order by one statement.
  await db.execute(sql`select pg_advisory_xact_lock(key) from unnest(${`{${keys.join(",")}}`}::bigint[]) as key`);
}

type Rows<T> = { rows: T[] };

/** `base` is the worker's database handle (stable across batches, for caches); `tx` the batch's transaction. */
export type Projection = (tx: Database, applied: readonly AppliedEvent[], base: Database) => Promise<LiveEvent[]>;

/**
 * Views derived from each batch's applied events, run in the worker's transaction after the apply
 * step. On the batch path a failing projection fails the batch, which then runs one delivery at a
 * time; there each projection has its own savepoint and a failure is logged and skipped, so a
 * broken projection never holds the inbox. Benchmarks swap the list to measure what one costs.
 */
export const PROJECTIONS: Projection[] = [operationsProjection];

async function runProjections(tx: Database, applied: AppliedEvent[], base: Database, isolated: boolean): Promise<LiveEvent[]> {
  const live: LiveEvent[] = [];
  if (applied.length === 0) return live;
  for (const projection of PROJECTIONS) {
    if (!isolated) {
      live.push(...(await projection(tx, applied, base)));
      continue;
    }
    try {
      live.push(...(await tx.transaction((savepoint) => projection(savepoint, applied, base))));
    } catch (error) {
      getLogger().warn({ err: error, projection: projection.name, events: applied.length }, "projection failed; skipped for this event");
    }
  }
  return live;
}

/** Who or what asked for a replay; recorded with it. */
export interface ReplayOrigin {
  reason: "manual" | "vehicle_connected";
  userId?: string | null;
}

/**
 * Processes one claimed delivery in the caller's transaction; returns the live notices to send after
 * commit. A replay updates the delivery's current status and routing only: its first processing time,
 * attempts and result stay as they were (so its latency is the original one), and the replay itself
 * is recorded in `webhook_replays`.
 */
async function processDelivery(
  db: Database,
  delivery: ClaimedDelivery,
  mode: "first" | "replay",
  base: Database,
  origin?: ReplayOrigin,
): Promise<{ status: string; live: LiveEvent[] }> {
  const startedAt = performance.now();
  const parsed = parseWebhookBody(delivery.rawBody);
  if (!parsed.ok) throw new Error(`stored payload no longer parses: ${parsed.detail}`);

  if (mode === "first") {
    const ledger = (await db.execute(sql`
      insert into ${webhookProcessedEvents} (event_id, delivery_id) values (${delivery.eventId}, ${delivery.id})
      on conflict (event_id) do nothing returning event_id`)) as unknown as Rows<{ event_id: string }>;
    if (ledger.rows.length === 0) {
      await db.execute(sql`
        update ${webhookDeliveries} set status = 'duplicate', processed_at = now(), attempts = attempts + 1, last_error = null
        where id = ${delivery.id}`);
      return { status: "duplicate", live: [{ type: "delivery", deliveryId: delivery.id, status: "duplicate" }] };
    }
  }

  const outcome = await applyWebhookEvent(db, parsed.event);
  const projected = await runProjections(db, [{ event: parsed.event, result: outcome }], base, true);
  if (mode === "replay") {
    await db.execute(sql`
      update ${webhookDeliveries} set
        status = ${outcome.status}, replayed_at = now(),
        vehicle_id = coalesce(${outcome.vehicleId}::uuid, vehicle_id), user_id = coalesce(${outcome.userId}::uuid, user_id)
      where id = ${delivery.id}`);
    await db.insert(webhookReplays).values({
      deliveryId: delivery.id,
      replayedBy: origin?.userId ?? null,
      reason: origin?.reason ?? "manual",
      status: outcome.status,
      result: outcome.summary,
      durationMs: Math.round(performance.now() - startedAt),
    });
  } else {
    await db.execute(sql`
      update ${webhookDeliveries} set
        status = ${outcome.status}, processed_at = now(), attempts = attempts + 1, last_error = null,
        vehicle_id = ${outcome.vehicleId}, user_id = ${outcome.userId}, result = ${JSON.stringify(outcome.summary)}::jsonb
      where id = ${delivery.id}`);
  }
  return { status: outcome.status, live: [...outcome.live, ...projected, { type: "delivery", deliveryId: delivery.id, status: outcome.status }] };
}

/**
 * The fast path: the whole claimed batch in a few statements (one ledger insert, batched projections,
 * one status update). Throws on anything unexpected; the caller then falls back to one savepoint per
 * delivery so a single bad event cannot hold the others back.
 */
async function processDeliveriesTogether(db: Database, deliveries: ClaimedDelivery[], base: Database): Promise<LiveEvent[]> {
  const parsed = deliveries.map((delivery) => {
    const result = parseWebhookBody(delivery.rawBody);
    if (!result.ok) throw new Error(`delivery ${delivery.id}: stored payload no longer parses`);
    return { delivery, event: result.event };
  });
  const firstDelivery = new Map<string, number>();
  for (const { delivery } of parsed) if (!firstDelivery.has(delivery.eventId)) firstDelivery.set(delivery.eventId, delivery.id);
  const ledger = (await db.execute(sql`
    insert into ${webhookProcessedEvents} (event_id, delivery_id)
    values ${sql.join([...firstDelivery].map(([eventId, id]) => sql`(${eventId}, ${id})`), sql`, `)}
    on conflict (event_id) do nothing returning event_id`)) as unknown as Rows<{ event_id: string }>;
  const fresh = new Set(ledger.rows.map((row) => firstDelivery.get(row.event_id)));

  const outcomes = new Map<number, ApplyResult | "duplicate">();
  const states: { id: number; event: Extract<WebhookEvent, { eventType: "VEHICLE_STATE" }> }[] = [];
  // Errors before states: a newer reading in the same batch then closes what it answers, as it would arriving later.
  for (const { delivery, event } of parsed) {
    if (!fresh.has(delivery.id)) outcomes.set(delivery.id, "duplicate");
    else if (event.eventType === "VEHICLE_STATE") states.push({ id: delivery.id, event });
    else outcomes.set(delivery.id, await applyWebhookEvent(db, event));
  }
  if (states.length > 0) {
    const results = await applyVehicleStates(db, states.map((state) => state.event));
    states.forEach((state, index) => outcomes.set(state.id, results[index]!));
  }

  const applied = parsed.flatMap(({ delivery, event }) => {
    const outcome = outcomes.get(delivery.id);
    return outcome && outcome !== "duplicate" ? [{ event, result: outcome }] : [];
  });
  const live: LiveEvent[] = await runProjections(db, applied, base, false);
  const rows = [...outcomes].map(([id, outcome]) => {
    if (outcome === "duplicate") {
      live.push({ type: "delivery", deliveryId: id, status: "duplicate" });
      return sql`(${id}::bigint, 'duplicate', null::uuid, null::uuid, null::jsonb)`;
    }
    live.push(...outcome.live, { type: "delivery", deliveryId: id, status: outcome.status });
    return sql`(${id}::bigint, ${outcome.status}, ${outcome.vehicleId}::uuid, ${outcome.userId}::uuid, ${JSON.stringify(outcome.summary)}::jsonb)`;
  });
  await db.execute(sql`
    update ${webhookDeliveries} d set
      status = r.status::webhook_delivery_status, processed_at = now(), attempts = d.attempts + 1, last_error = null,
      vehicle_id = coalesce(r.vehicle_id, d.vehicle_id), user_id = coalesce(r.user_id, d.user_id), result = coalesce(r.result, d.result)
    from (values ${sql.join(rows, sql`, `)}) as r(id, status, vehicle_id, user_id, result)
    where d.id = r.id`);
  return live;
}

async function recordFailure(db: Database, delivery: ClaimedDelivery, error: unknown, maxAttempts: number): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.execute(sql`
    update ${webhookDeliveries} set
      attempts = attempts + 1,
      last_error = ${message.slice(0, 2_000)},
      status = case when attempts + 1 >= ${maxAttempts} then 'failed'::webhook_delivery_status else 'pending'::webhook_delivery_status end,
      available_at = now() + make_interval(secs => least(300, 5 * power(2, attempts)))
    where id = ${delivery.id}`);
}

async function claimTimeouts(db: Database): Promise<void> {
  await db.execute(sql`
    select set_config('statement_timeout', ${CLAIM_TIMEOUT}, true), set_config('idle_in_transaction_session_timeout', ${CLAIM_TIMEOUT}, true)`);
}

/** One transaction: claim up to `batchSize` pending deliveries, apply each in a savepoint, commit, then notify. */
export async function processInboxBatch(db: Database, hub: LiveHub, batchSize: number, maxAttempts = 5, log?: Logger): Promise<number> {
  const live: LiveEvent[] = [];
  const claimedCount = await db.transaction(async (tx) => {
    await claimTimeouts(tx);
    const claimed = (await tx.execute(sql`
      select id, event_id as "eventId", smartcar_vehicle_id as "smartcarVehicleId", raw_body as "rawBody"
      from ${webhookDeliveries}
      where status = 'pending' and available_at <= now()
      order by id
      limit ${batchSize}
      for update skip locked`)) as unknown as Rows<ClaimedDelivery>;
    if (claimed.rows.length === 0) return 0;
    await lockVehicles(tx, claimed.rows.map((row) => row.smartcarVehicleId));
    const deliveries = claimed.rows.map((row) => ({ ...row, id: Number(row.id) }));
    try {
      live.push(...(await tx.transaction((savepoint) => processDeliveriesTogether(savepoint, deliveries, db))));
      return deliveries.length;
    } catch (error) {
      log?.warn({ err: error, deliveries: deliveries.length }, "batch failed; processing its deliveries one by one");
    }
    for (const delivery of deliveries) {
      try {
        const outcome = await tx.transaction((savepoint) => processDelivery(savepoint, delivery, "first", db));
        live.push(...outcome.live);
      } catch (error) {
        log?.error({ err: error, deliveryId: delivery.id, eventId: delivery.eventId }, "webhook processing failed");
        await recordFailure(tx, delivery, error, maxAttempts);
        live.push({ type: "delivery", deliveryId: delivery.id, status: "pending" });
      }
    }
    return claimed.rows.length;
  });
  if (live.length > 0) await hub.publish(live).catch((error) => log?.warn({ err: error }, "live notice not sent"));
  return claimedCount;
}

/**
 * Runs one stored delivery through the processor again, bypassing the eventId ledger (the writes
 * themselves are order- and repeat-safe, see apply.ts). Returns the new status, or null if no such delivery.
 */
export async function replayDelivery(db: Database, hub: LiveHub | null, deliveryId: number, origin: ReplayOrigin = { reason: "manual" }): Promise<string | null> {
  const outcome = await db.transaction(async (tx) => {
    await claimTimeouts(tx);
    const found = (await tx.execute(sql`
      select id, event_id as "eventId", smartcar_vehicle_id as "smartcarVehicleId", raw_body as "rawBody", event_type as "eventType"
      from ${webhookDeliveries} where id = ${deliveryId} for update`)) as unknown as Rows<ClaimedDelivery & { eventType: string }>;
    const row = found.rows[0];
    if (!row) return null;
    if (row.eventType === "VERIFY") return { status: "processed", live: [] as LiveEvent[] };
    await lockVehicles(tx, [row.smartcarVehicleId]);
    return processDelivery(tx, { ...row, id: Number(row.id) }, "replay", db, origin);
  });
  if (!outcome) return null;
  await hub?.publish(outcome.live).catch(() => {});
  return outcome.status;
}

/**
 * Events that arrived before their vehicle was in the fleet (e.g. the FIRST_DELIVERY Smartcar sends
 * as soon as a car is subscribed, racing the Connect callback), applied now that it is. Oldest first;
 * the projections do not depend on order anyway.
 */
export async function replayUnmatchedDeliveries(db: Database, hub: LiveHub | null, smartcarVehicleIds: string[]): Promise<number> {
  if (smartcarVehicleIds.length === 0) return 0;
  const waiting = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "unmatched"), inArray(webhookDeliveries.smartcarVehicleId, smartcarVehicleIds)))
    .orderBy(asc(webhookDeliveries.id));
  for (const { id } of waiting) await replayDelivery(db, hub, id, { reason: "vehicle_connected" });
  return waiting.length;
}

/**
 * Deliveries per claim, shared by the app and the benchmark receiver. On PGlite a batch holds the one
 * connection (and the one thread) the receiver also needs, so an acknowledgement can wait for a whole
 * batch: 4 events take about 8 ms; 8 gave a worse ack p99 and a lower peak rate in `npm run
 * bench:webhooks`. PostgreSQL has a pool, and bigger batches cost less per event.
 */
export function inboxWorkerBatchSize(kind: "pglite" | "postgres"): number {
  return kind === "pglite" ? 4 : 50;
}

/**
 * On PGlite an acknowledgement cannot start while a processing transaction holds the connection, so
 * the worker claims only once the receiver has had a turn of the event loop without new deliveries:
 * during a burst it processes one batch per 100 ms and catches up afterwards (the backlog is durable,
 * and /api/health reports it). PostgreSQL gives each its own connection and needs no such turn-taking.
 */
export function acknowledgementsFirst(kind: "pglite" | "postgres", inbox: InboxWriter): InboxWorkerOptions["beforeClaim"] {
  return kind === "pglite" ? () => inbox.idle(100) : undefined;
}

export interface InboxWorker {
  /** Nudges an idle worker (new rows arrived). */
  wake(): void;
  /** Processes until nothing is claimable right now; for tests and shutdown. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export function startInboxWorker(options: InboxWorkerOptions): InboxWorker {
  const { db, hub, log } = options;
  const batchSize = options.batchSize ?? 10;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? 5;
  let stopped = false;
  let signalled = false;
  let release: (() => void) | null = null;

  const wake = () => {
    signalled = true;
    release?.();
  };
  const unsubscribe = hub.onInboxSignal(wake);

  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollIntervalMs);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        release = null;
        resolve();
      }
      release = done;
    });

  const loop = (async () => {
    while (!stopped) {
      signalled = false;
      let claimed = 0;
      try {
        await options.beforeClaim?.();
        claimed = await processInboxBatch(db, hub, batchSize, maxAttempts, log);
      } catch (error) {
        log?.error({ err: error }, "webhook inbox unavailable; retrying");
        if (!stopped) await idle();
        continue;
      }
      if (stopped) break;
      // Let requests waiting on the same connection (PGlite has only one) go first.
      if (claimed > 0) await new Promise((resolve) => setImmediate(resolve));
      else if (!signalled) await idle();
    }
  })();

  return {
    wake,
    async drain() {
      let total = 0;
      for (;;) {
        const claimed = await processInboxBatch(db, hub, batchSize, maxAttempts, log);
        if (claimed === 0) return total;
        total += claimed;
      }
    },
    async stop() {
      stopped = true;
      unsubscribe();
      release?.();
      await loop;
    },
  };
}
