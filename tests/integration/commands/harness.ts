import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Database } from "@/lib/db";
import { connections, users, vehicles } from "@/lib/db/schema";
import { seedDemoFleet } from "@/lib/demo/fleet";
import { SmartcarClient, type SmartcarClientOptions } from "@/lib/smartcar";
import { startEmulator, type RunningEmulator } from "../../helpers/emulator";
import { startHarness, type Harness } from "../webhooks/harness";

/**
 * The emulator and the app sharing one test database, as in demo mode: the demo fleet imported
 * through the v3 API, the emulator's webhook pointed at the real receiver and inbox worker.
 * `flush()` delivers whatever the emulator queued and lets the worker apply it.
 */

export interface OperationsWorld {
  emulator: RunningEmulator;
  webhooks: Harness;
  db: Database;
  smartcar: SmartcarClient;
  control: (method: string, path: string, body?: unknown) => Promise<unknown>;
  flush: () => Promise<void>;
  user: (email: string, role: SessionUser["role"]) => Promise<SessionUser>;
  vehicleOf: (smartcarVehicleId: string) => Promise<string>;
  close: () => Promise<void>;
}

export function testSmartcarClient(emulator: RunningEmulator, extra: Partial<SmartcarClientOptions> = {}): SmartcarClient {
  return new SmartcarClient({
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    managementToken: emulator.credentials.managementToken,
    redirectUri: emulator.credentials.redirectUri,
    hosts: emulator.hosts,
    connectMode: "simulated",
    rateLimit: { burst: 1000, refillPerMinute: 1000 },
    requestTimeoutMs: 5_000,
    maxAttempts: 1,
    vehicleMinIntervalMs: 0,
    db: emulator.db.db,
    databaseKind: emulator.db.kind,
    encryptionKeys: [{ id: "k1", key: randomBytes(32) }],
    ...extra,
  });
}

export async function startOperationsWorld(kind: "pglite" | "postgres"): Promise<OperationsWorld> {
  const emulator = await startEmulator({ database: kind });
  const db = emulator.db.db;
  const webhooks = await startHarness({ kind, handle: emulator.db, close: async () => {} }, { worker: false });
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.baseUrl}/control/${path}`, {
      method,
      headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const smartcar = testSmartcarClient(emulator);
  await seedDemoFleet(db, smartcar, null);
  await control("PUT", "webhook", { callbackUrl: webhooks.url, duplicates: false });
  await control("POST", "webhook/verify");
  const flush = async () => {
    for (let pass = 0; pass < 5; pass += 1) {
      const { attempts } = (await control("POST", "dispatch")) as { attempts: number };
      await webhooks.worker.drain();
      if (attempts === 0) return;
    }
  };
  await flush();
  return {
    emulator,
    webhooks,
    db,
    smartcar,
    control,
    flush,
    async user(email, role) {
      const [row] = await db.insert(users).values({ email, role }).onConflictDoUpdate({ target: users.email, set: { role } }).returning();
      return { id: row!.id, email, name: null, role };
    },
    async vehicleOf(smartcarVehicleId) {
      const [row] = await db.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.smartcarVehicleId, smartcarVehicleId));
      return row!.id;
    },
    async close() {
      await webhooks.close();
      await emulator.close();
    },
  };
}

/** The demo owner's app account (created by the demo fleet import). */
export async function demoOwner(db: Database): Promise<SessionUser> {
  const [row] = await db.select().from(users).where(eq(users.email, "owner@demo.fleetdeck.dev"));
  return { id: row!.id, email: row!.email, name: row!.name, role: "owner" };
}

export async function connectionOf(db: Database, vehicleId: string) {
  const [row] = await db.select().from(connections).where(and(eq(connections.vehicleId, vehicleId)));
  return row!;
}
