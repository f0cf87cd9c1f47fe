import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { DatabaseHandle } from "@/lib/db";
import type { LiveEvent, LiveListener } from "./events";

/**
 * Publish/subscribe between the webhook worker and everyone who waits for its results (browsers over
 * SSE, idle inbox workers). One interface, two implementations chosen by the database kind: on PGlite
 * everything lives in this one process, so an in-process emitter is enough; on PostgreSQL several
 * instances share the database, so notices travel through LISTEN/NOTIFY and reach every instance
 * (including the publisher, which therefore never emits locally as well).
 */
export interface LiveHub {
  readonly kind: "memory" | "postgres";
  publish(events: LiveEvent[]): Promise<void>;
  subscribe(listener: LiveListener): () => void;
  /** "The inbox has new rows": wakes idle workers on every instance. */
  signalInbox(): void;
  onInboxSignal(listener: () => void): () => void;
  close(): Promise<void>;
}

export const LIVE_CHANNEL = "fleetdeck_live";
export const INBOX_CHANNEL = "fleetdeck_inbox";
const INBOX_NOTIFY_INTERVAL_MS = 10;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_NOTIFY_BYTES = 7_500;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- EventEmitter's own listener type
function subscribeTo(emitter: EventEmitter, name: string, listener: (...args: any[]) => void): () => void {
  emitter.on(name, listener);
  return () => emitter.off(name, listener);
}

export function createMemoryHub(): LiveHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: "memory",
    async publish(events) {
      for (const event of events) emitter.emit("live", event);
    },
    subscribe: (listener) => subscribeTo(emitter, "live", listener),
    signalInbox: () => emitter.emit("inbox"),
    onInboxSignal: (listener) => subscribeTo(emitter, "inbox", listener),
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Splits events into NOTIFY payloads that stay under PostgreSQL's size limit. */
export function notifyPayloads(events: LiveEvent[]): string[] {
  const payloads: string[] = [];
  let batch: LiveEvent[] = [];
  for (const event of events) {
    const candidate = JSON.stringify([...batch, event]);
    if (batch.length > 0 && Buffer.byteLength(candidate) > MAX_NOTIFY_BYTES) {
      payloads.push(JSON.stringify(batch));
      batch = [event];
    } else {
      batch.push(event);
    }
  }
  if (batch.length > 0) payloads.push(JSON.stringify(batch));
  return payloads;
}

export function createPostgresHub(pool: pg.Pool, onError: (error: unknown) => void = () => {}): LiveHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let listener: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let notifyTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client(pool.options);
    client.on("notification", (message) => {
      if (message.channel === INBOX_CHANNEL) {
        emitter.emit("inbox");
        return;
      }
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      try {
        for (const event of JSON.parse(message.payload) as LiveEvent[]) emitter.emit("live", event);
      } catch (error) {
        onError(error);
      }
    });
    client.on("error", (error) => {
      onError(error);
      reconnect(client);
    });
    client.on("end", () => reconnect(client));
    try {
      await client.connect();
      await client.query(`listen ${LIVE_CHANNEL}; listen ${INBOX_CHANNEL}`);
      listener = client;
      // Anything may have happened while we were not listening.
      emitter.emit("inbox");
    } catch (error) {
      onError(error);
      reconnect(client);
    }
  };

  const reconnect = (client: pg.Client) => {
    if (listener === client) listener = null;
    client.removeAllListeners("end");
    client.end().catch(() => {});
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed) void connect();
    }, 1_000);
    retryTimer.unref();
  };

  const ready = connect();

  return {
    kind: "postgres",
    async publish(events) {
      for (const payload of notifyPayloads(events)) {
        await pool.query("select pg_notify($1, $2)", [LIVE_CHANNEL, payload]);
      }
    },
    subscribe: (fn) => subscribeTo(emitter, "live", fn),
    signalInbox() {
      // This instance's worker at once; the other instances through at most one NOTIFY per
      // interval, so a burst of deliveries does not queue a burst of notifications.
      emitter.emit("inbox");
      if (notifyTimer) return;
      notifyTimer = setTimeout(() => {
        notifyTimer = undefined;
        pool.query("select pg_notify($1, '')", [INBOX_CHANNEL]).catch(onError);
      }, INBOX_NOTIFY_INTERVAL_MS);
      notifyTimer.unref();
    },
    onInboxSignal: (fn) => subscribeTo(emitter, "inbox", fn),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(notifyTimer);
      await ready;
      const client = listener;
      listener = null;
      if (client) {
        client.removeAllListeners("end");
        await client.end().catch(() => {});
      }
      emitter.removeAllListeners();
    },
  };
}

export function createLiveHub(handle: DatabaseHandle, onError?: (error: unknown) => void): LiveHub {
  return handle.kind === "postgres" ? createPostgresHub(handle.pool, onError) : createMemoryHub();
}
