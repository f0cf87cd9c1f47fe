import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { webhookDeliveries } from "@/lib/db/schema";
import { createInboxWriter, type InboxRow } from "@/lib/webhooks/inbox";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";

let sequence = 0;
function inboxRow(overrides: Partial<InboxRow> = {}): InboxRow {
  sequence += 1;
  return {
    eventId: `writer-event-${sequence}`,
    deliveryId: `writer-delivery-${sequence}`,
    eventType: "VEHICLE_STATE",
    smartcarVehicleId: `writer-vehicle-${sequence % 3}`,
    smartcarUserId: "writer-user",
    deliveredAt: new Date(Date.UTC(2026, 10, 1) + sequence),
    rawBody: JSON.stringify({ sequence }),
    signature: "valid",
    status: "pending",
    ...overrides,
  };
}

/** The database, counting the statements the writer sends (it only ever calls `execute`). */
function countingStatements(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "execute") return Reflect.get(target, property, receiver);
      return (...args: Parameters<Database["execute"]>) => {
        statements += 1;
        return target.execute(...args);
      };
    },
  });
  return { db: counted, statements: () => statements };
}

describe.each(DATABASE_KINDS)("inbox writer (group commit) on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const storedBodies = async (ids: number[]) =>
    new Map(
      (await database.handle.db.select({ id: webhookDeliveries.id, eventId: webhookDeliveries.eventId }).from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids))).map(
        (row) => [Number(row.id), row.eventId],
      ),
    );

  it("stores 40 deliveries arriving together in one shared insert and answers each with its own row's id", async () => {
    const { db, statements } = countingStatements(database.handle.db);
    const writer = createInboxWriter(db);
    const rows = Array.from({ length: 40 }, () => inboxRow());

    const ids = await Promise.all(rows.map((row) => writer.store(row)));

    expect(new Set(ids).size).toBe(40);
    const stored = await storedBodies(ids);
    rows.forEach((row, index) => expect(stored.get(ids[index]!)).toBe(row.eventId));
    // All 40 arrived in the same event-loop turn, before the insert left.
    expect(statements()).toBe(1);
  });

  it("inserts at once when idle, with no batching delay", async () => {
    const { db, statements } = countingStatements(database.handle.db);
    const writer = createInboxWriter(db);
    for (let index = 0; index < 3; index += 1) await writer.store(inboxRow());
    expect(statements()).toBe(3);
  });

  it("splits a large backlog into inserts of at most maxRowsPerInsert rows", async () => {
    const { db, statements } = countingStatements(database.handle.db);
    const writer = createInboxWriter(db, { maxRowsPerInsert: 10 });
    const ids = await Promise.all(Array.from({ length: 31 }, () => writer.store(inboxRow())));
    expect(new Set(ids).size).toBe(31);
    // 31 waiting: inserts of 10, 10, 10 and 1.
    expect(statements()).toBe(4);
  });

  it("runs up to insertsInFlight inserts at once, each carrying the deliveries that arrived in its turn", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const held = new Proxy(database.handle.db, {
      get(target, property, receiver) {
        if (property !== "execute") return Reflect.get(target, property, receiver);
        return async (...args: Parameters<Database["execute"]>) => {
          started += 1;
          await gate;
          return target.execute(...args);
        };
      },
    });
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const writer = createInboxWriter(held, { insertsInFlight: 2 });
    const stored: Promise<number>[] = [];
    for (let turn = 0; turn < 3; turn += 1) {
      stored.push(writer.store(inboxRow()), writer.store(inboxRow()));
      await nextTurn();
      await nextTurn();
    }
    // Two inserts are held in flight; the third turn's deliveries wait for one of them to finish.
    expect(started).toBe(2);
    release();
    const ids = await Promise.all(stored);
    expect(new Set(ids).size).toBe(6);
    expect(started).toBe(3);
  });

  it("retries one by one when a single row's data fails the shared insert, so only that delivery fails", async () => {
    const writer = createInboxWriter(database.handle.db);
    const firstRow = inboxRow();
    const first = writer.store(firstRow);
    // PostgreSQL text cannot hold NUL: this row alone is refused.
    const bad = inboxRow({ rawBody: "broken\u0000body" });
    const good = [inboxRow(), inboxRow(), inboxRow()];
    const results = await Promise.allSettled([first, writer.store(good[0]!), writer.store(bad), writer.store(good[1]!), writer.store(good[2]!)]);

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const ids = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const stored = await storedBodies(ids);
    expect(ids.map((id) => stored.get(id))).toEqual([firstRow, ...good].map((row) => row.eventId));
  });

  it("fails every waiting delivery when the database itself fails, so each is answered 503", async () => {
    const failing = new Proxy(database.handle.db, {
      get(target, property, receiver) {
        if (property === "execute") return () => Promise.reject(new Error("connection terminated"));
        return Reflect.get(target, property, receiver);
      },
    });
    const writer = createInboxWriter(failing);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => writer.store(inboxRow())));
    expect(results.every((result) => result.status === "rejected")).toBe(true);
  });

  it("idle() keeps waiting while deliveries arrive turn after turn, and resolves after a quiet turn", async () => {
    const writer = createInboxWriter(database.handle.db);
    let idleResolved = false;
    const stored = [writer.store(inboxRow())];
    const idle = writer.idle(5_000).then(() => (idleResolved = true));
    for (let turn = 0; turn < 20; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      stored.push(writer.store(inboxRow()));
    }
    const resolvedWhileArriving = idleResolved;
    await Promise.all(stored);
    await idle;
    expect(resolvedWhileArriving).toBe(false);
    expect(idleResolved).toBe(true);
  });

  it("idle() waits for inserts in flight, and gives up after maxWaitMs", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = new Proxy(database.handle.db, {
      get(target, property, receiver) {
        if (property === "execute") return async (...args: Parameters<Database["execute"]>) => gate.then(() => target.execute(...args));
        return Reflect.get(target, property, receiver);
      },
    });
    const writer = createInboxWriter(held);
    await writer.idle(1_000); // idle already: resolves at once

    const stored = writer.store(inboxRow());
    let idleResolved = false;
    const idle = writer.idle(5_000).then(() => (idleResolved = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idleResolved).toBe(false);
    release();
    await stored;
    await idle;
    expect(idleResolved).toBe(true);

    const stuck = createInboxWriter(new Proxy(database.handle.db, { get: (target, property, receiver) => (property === "execute" ? () => new Promise(() => {}) : Reflect.get(target, property, receiver)) }));
    void stuck.store(inboxRow());
    const started = Date.now();
    await stuck.idle(100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });
});
