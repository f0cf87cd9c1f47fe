import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { recordset } from "@/lib/db/recordset";
import { webhookDeliveries, webhookRejections } from "@/lib/db/schema";

/** The inbox table's write side used by the receiver: inserts of verified deliveries, nothing else. */

export type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)["status"];

export interface InboxRow {
  eventId: string;
  deliveryId: string | null;
  eventType: string;
  smartcarVehicleId: string | null;
  smartcarUserId: string | null;
  deliveredAt: Date | null;
  rawBody: string;
  signature: "valid" | "unsigned";
  /** `pending` for the worker; events that need no processing are stored already settled. */
  status: Extract<DeliveryStatus, "pending" | "processed" | "unhandled">;
}

/**
 * Stores verified deliveries in one statement and returns their ids in the order given. Ids come
 * from a sequence evaluated row by row as the records are inserted in array order, so sorting them
 * restores that order.
 */
export async function storeDeliveries(db: Database, rows: InboxRow[]): Promise<number[]> {
  const records = rows.map((row) => ({
    event_id: row.eventId,
    delivery_id: row.deliveryId,
    event_type: row.eventType,
    smartcar_vehicle_id: row.smartcarVehicleId,
    smartcar_user_id: row.smartcarUserId,
    delivered_at: row.deliveredAt?.toISOString() ?? null,
    raw_body: row.rawBody,
    signature: row.signature,
    status: row.status,
    processed_at: row.status === "pending" ? null : new Date().toISOString(),
  }));
  const result = (await db.execute(sql`
    insert into ${webhookDeliveries}
      (event_id, delivery_id, event_type, smartcar_vehicle_id, smartcar_user_id, delivered_at, raw_body, signature, status, processed_at)
    select event_id, delivery_id, event_type, smartcar_vehicle_id, smartcar_user_id, delivered_at, raw_body, signature,
      status::webhook_delivery_status, processed_at
    from ${recordset(records)} as r(event_id text, delivery_id text, event_type text,
      smartcar_vehicle_id text, smartcar_user_id text, delivered_at timestamptz, raw_body text, signature text, status text,
      processed_at timestamptz)
    returning id`)) as unknown as { rows: { id: number | string }[] };
  return result.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

export interface InboxWriter {
  /** Resolves with the delivery's id once it is committed; rejects if it is not. */
  store(row: InboxRow): Promise<number>;
  /**
   * Resolves once no delivery is waiting or being inserted and a whole event-loop turn has passed
   * without a new one, or after `maxWaitMs` at the latest.
   */
  idle(maxWaitMs: number): Promise<void>;
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity violation) belong to one row, not to the batch. */
function isRowSpecific(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

/**
 * Group commit for acknowledgements: deliveries whose bodies arrive in the same event-loop turn, or
 * while an insert is running, share the next insert, so under load many acknowledgements cost one
 * statement and one commit, and an idle receiver still inserts at once (one `setImmediate` later).
 * `insertsInFlight` above 1 lets a pool work on several inserts at once (PostgreSQL commits them in
 * parallel and flushes its WAL for all of them together); PGlite has one connection and keeps 1.
 * Each caller is answered only after its own row is committed. If a shared insert fails because of
 * one row's data, the rows are retried one by one so a single bad row cannot fail its neighbours; any
 * other failure (database down, timeout) fails them all, and the receiver answers 503.
 */
export function createInboxWriter(db: Database, options: { maxRowsPerInsert?: number; insertsInFlight?: number } = {}): InboxWriter {
  const maxRows = options.maxRowsPerInsert ?? 64;
  const maxInFlight = options.insertsInFlight ?? 1;
  type Waiting = { row: InboxRow; resolve: (id: number) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;
  let quietCheckScheduled = false;
  let idleWaiters: (() => void)[] = [];

  const insertOneByOne = (batch: Waiting[]) =>
    Promise.all(
      batch.map(async (waiting) => {
        try {
          const [id] = await storeDeliveries(db, [waiting.row]);
          waiting.resolve(id!);
        } catch (error) {
          waiting.reject(error);
        }
      }),
    );

  const flush = async (batch: Waiting[]) => {
    try {
      const ids = await storeDeliveries(db, batch.map((waiting) => waiting.row));
      batch.forEach((waiting, index) => waiting.resolve(ids[index]!));
    } catch (error) {
      if (batch.length > 1 && isRowSpecific(error)) await insertOneByOne(batch);
      else for (const waiting of batch) waiting.reject(error);
    }
  };

  const insertQueued = () => {
    scheduled = false;
    if (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxRows);
      queue = queue.slice(maxRows);
      inFlight += 1;
      void flush(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
    pump();
  };

  const pump = () => {
    if (scheduled) return;
    if (queue.length > 0) {
      if (inFlight >= maxInFlight) return;
      scheduled = true;
      // After this turn's I/O callbacks: every request whose body has arrived by then joins the insert.
      // PGlite runs a statement synchronously, so without this wait each insert would carry one row.
      setImmediate(insertQueued);
    } else if (inFlight === 0 && idleWaiters.length > 0 && !quietCheckScheduled) {
      // Idle means a whole event-loop turn without new deliveries: under load the next ones are
      // already in the socket, and they are read in this turn before the check runs.
      quietCheckScheduled = true;
      setImmediate(() => {
        quietCheckScheduled = false;
        if (queue.length > 0 || inFlight > 0 || scheduled) return;
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const wake of waiters) wake();
      });
    }
  };

  return {
    store(row) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        pump();
      });
    },
    idle(maxWaitMs) {
      if (inFlight === 0 && !scheduled && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxWaitMs);
        function done() {
          clearTimeout(timer);
          idleWaiters = idleWaiters.filter((waiter) => waiter !== done);
          resolve();
        }
        idleWaiters.push(done);
      });
    },
  };
}

/**
 * Inserts the receiver may run at once: 4 of the PostgreSQL pool's 10 connections (the rest serve the
 * worker and the pages); PGlite has only the one connection.
 */
export function inboxInsertsInFlight(kind: "pglite" | "postgres"): number {
  return kind === "postgres" ? 4 : 1;
}

export type RejectionReason =
  | "signature_missing"
  | "signature_invalid"
  | "too_large"
  | "malformed_json"
  | "invalid_shape"
  | "verify_refused";

export async function recordRejection(db: Database, reason: RejectionReason, statusCode: number, bodyBytes: number): Promise<void> {
  await db.insert(webhookRejections).values({ reason, statusCode, bodyBytes });
}
