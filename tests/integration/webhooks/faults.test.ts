import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { signalHistory, webhookDeliveries, webhookProcessedEvents } from "@/lib/db/schema";
import { createScratchPostgres, DATABASE_KINDS, TEST_DATABASE_URL } from "../../helpers/databases";
import { killHard, startReceiverProcess } from "./child";
import { redelivery, vehicleStatePayload } from "./factories";
import { postSigned, seedVehicle, startHarness, waitFor, type Harness } from "./harness";

/**
 * Outages and crashes: the database going away under the receiver, and the process dying right
 * after acknowledging. Both run against a database that outlives the process (a PGlite data
 * directory on disk, or a scratch PostgreSQL database).
 */

const BASE_TIME = Date.UTC(2026, 10, 2, 8, 0, 0);

interface DurableDatabase {
  target: string;
  open: () => DatabaseHandle;
  /** Makes the database refuse every query, as a stopped server would. */
  stop: (handle: DatabaseHandle) => Promise<void>;
  /** Brings it back; returns the handle to use from now on. */
  restart: (handle: DatabaseHandle) => Promise<DatabaseHandle>;
  drop: () => Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function durableDatabase(kind: "pglite" | "postgres"): Promise<DurableDatabase> {
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "fleetdeck-webhook-faults-"));
    const open = () => openDatabase({ kind: "pglite", dataDir });
    return {
      target: `pglite:${dataDir}`,
      open,
      stop: (handle) => handle.close(),
      restart: async () => open(),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchPostgres();
  const name = new URL(scratch.url).pathname.slice(1);
  const open = () => openDatabase({ kind: "postgres", url: scratch.url });
  return {
    target: `postgres:${scratch.url}`,
    open,
    stop: async () => {
      await adminQuery(`alter database ${name} with allow_connections false`);
      await adminQuery(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    },
    restart: async (handle) => {
      await adminQuery(`alter database ${name} with allow_connections true`);
      return handle;
    },
    drop: scratch.drop,
  };
}

describe.each(DATABASE_KINDS)("webhook faults on %s", (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  });

  const historyCount = async (handle: DatabaseHandle, vehicleId: string) =>
    (await handle.db.select({ n: count() }).from(signalHistory).where(eq(signalHistory.vehicleId, vehicleId)))[0]!.n;

  it("answers 503 while the database is down, then applies the redelivery once", async () => {
    const durable = await durableDatabase(kind);
    cleanups.push(durable.drop);
    let handle = durable.open();
    await migrateDatabase(handle);
    const { vehicleId } = await seedVehicle(handle.db, "v-outage", "sc-user-outage");
    let harness: Harness = await startHarness({ kind, handle, close: async () => {} });
    cleanups.push(() => harness.close());

    const before = vehicleStatePayload({ vehicleId: "v-outage", userId: "sc-user-outage", readings: [{ code: "tractionbattery-stateofcharge", value: 50, unit: "percent", oemUpdatedAt: BASE_TIME }] });
    expect((await postSigned(harness.url, before)).status).toBe(200);
    await waitFor(() => historyCount(handle, vehicleId), (n) => n === 1);

    await durable.stop(handle);
    const during = vehicleStatePayload({ vehicleId: "v-outage", userId: "sc-user-outage", readings: [{ code: "tractionbattery-stateofcharge", value: 55, unit: "percent", oemUpdatedAt: BASE_TIME + 60_000 }] });
    const refused = await postSigned(harness.url, during);
    expect(refused.status).toBe(503);

    await harness.close();
    handle = await durable.restart(handle);
    cleanups.push(() => handle.close());
    harness = await startHarness({ kind, handle, close: async () => {} });
    // Smartcar retries with the same eventId; a second retry may cross the first.
    const retries = [redelivery(during), redelivery(redelivery(during))];
    const statuses = await Promise.all(retries.map((payload) => postSigned(harness.url, payload)));
    expect(statuses.map((response) => response.status)).toEqual([200, 200]);

    const rows = await waitFor(
      () => handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, during.eventId)),
      (found) => found.length === 2 && found.every((row) => row.status !== "pending"),
    );
    expect(rows.map((row) => row.status).sort()).toEqual(["duplicate", "processed"]);
    expect(await historyCount(handle, vehicleId)).toBe(2);
  });

  it("applies every acknowledged event after the process is killed right after acknowledging", async () => {
    const durable = await durableDatabase(kind);
    cleanups.push(durable.drop);
    const seeding = durable.open();
    await migrateDatabase(seeding);
    const { vehicleId } = await seedVehicle(seeding.db, "v-crash", "sc-user-crash");
    await seeding.close();

    const { url, child } = await startReceiverProcess({ RECEIVER_DB: durable.target });
    cleanups.push(() => killHard(child));
    const payloads = Array.from({ length: 60 }, (_, index) =>
      vehicleStatePayload({
        vehicleId: "v-crash",
        userId: "sc-user-crash",
        readings: [{ code: "tractionbattery-stateofcharge", value: index, unit: "percent", oemUpdatedAt: BASE_TIME + index * 1_000 }],
      }),
    );
    const responses = await Promise.all(payloads.map((payload) => postSigned(url, payload)));
    await killHard(child);
    expect(responses.every((response) => response.status === 200)).toBe(true);

    // The "restarted instance": same database, new process state.
    const handle = durable.open();
    cleanups.push(() => handle.close());
    const harness = await startHarness({ kind, handle, close: async () => {} });
    cleanups.push(() => harness.close());
    const eventIds = payloads.map((payload) => payload.eventId);
    const applied = await waitFor(
      () => handle.db.select({ n: count() }).from(webhookProcessedEvents).where(inArray(webhookProcessedEvents.eventId, eventIds)),
      (rows) => rows[0]!.n === payloads.length,
      20_000,
    );
    expect(applied[0]!.n).toBe(60);
    expect(await historyCount(handle, vehicleId)).toBe(60);
    const pending = await handle.db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending"));
    expect(pending[0]!.n).toBe(0);
  });
});
