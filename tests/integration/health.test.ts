import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { checkHealth } from "@/lib/health";
import { storeDeliveries } from "@/lib/webhooks/inbox";

const globalForDb = globalThis as unknown as { fleetdeckDatabase?: DatabaseHandle };

describe("checkHealth", () => {
  afterEach(async () => {
    await globalForDb.fleetdeckDatabase?.close().catch(() => {});
    globalForDb.fleetdeckDatabase = undefined;
  });

  it("is ok on a database that answers, and tells how many acknowledged deliveries wait for processing", async () => {
    const handle = openDatabase({ kind: "pglite", dataDir: "memory://" });
    globalForDb.fleetdeckDatabase = handle;
    await migrateDatabase(handle);
    expect(await checkHealth()).toMatchObject({ status: "ok", db: "pglite", smartcar: "emulator", webhookInbox: { pending: 0, oldestPendingSeconds: null } });

    const row = { deliveryId: null, eventType: "VEHICLE_STATE", smartcarVehicleId: "v1", smartcarUserId: null, deliveredAt: null, rawBody: "{}", signature: "valid" } as const;
    await storeDeliveries(handle.db, [
      { ...row, eventId: "health-1", status: "pending" },
      { ...row, eventId: "health-2", status: "pending" },
      { ...row, eventId: "health-3", status: "processed" },
    ]);
    const health = await checkHealth();
    expect(health).toMatchObject({ status: "ok", webhookInbox: { pending: 2 } });
    expect(health.status === "ok" && health.webhookInbox.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
  });

  it("reports the database as the reason when it does not answer", async () => {
    // Nothing listens on port 9 of the loopback address.
    globalForDb.fleetdeckDatabase = openDatabase({ kind: "postgres", url: "postgres://postgres@127.0.0.1:9/none" });
    const health = await checkHealth();
    expect(health.status).toBe("unavailable");
    expect(health).toMatchObject({ db: "postgres", reason: expect.stringMatching(/^database: /) });
  });
});
