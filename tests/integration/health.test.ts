import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { checkHealth } from "@/lib/health";

const globalForDb = globalThis as unknown as { fleetdeckDatabase?: DatabaseHandle };

describe("checkHealth", () => {
  afterEach(async () => {
    await globalForDb.fleetdeckDatabase?.close().catch(() => {});
    globalForDb.fleetdeckDatabase = undefined;
  });

  it("is ok on a database that answers", async () => {
    globalForDb.fleetdeckDatabase = openDatabase({ kind: "pglite", dataDir: "memory://" });
    expect(await checkHealth()).toMatchObject({ status: "ok", db: "pglite", smartcar: "emulator" });
  });

  it("reports the database as the reason when it does not answer", async () => {
    // Nothing listens on port 9 of the loopback address.
    globalForDb.fleetdeckDatabase = openDatabase({ kind: "postgres", url: "postgres://postgres@127.0.0.1:9/none" });
    const health = await checkHealth();
    expect(health.status).toBe("unavailable");
    expect(health).toMatchObject({ db: "postgres", reason: expect.stringMatching(/^database: /) });
  });
});
