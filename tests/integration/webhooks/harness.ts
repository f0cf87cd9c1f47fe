import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/lib/db";
import { signalHistory, smartcarUsers, users, vehicles, vehicleSignals } from "@/lib/db/schema";
import { createMemoryHub, createPostgresHub, type LiveHub } from "@/lib/live/hub";
import { answerNodeWebhook } from "@/lib/webhooks/http";
import { createInboxWriter } from "@/lib/webhooks/inbox";
import type { ReceiverContext } from "@/lib/webhooks/receive";
import { startInboxWorker, type InboxWorker } from "@/lib/webhooks/worker";
import { signPayload } from "@/lib/smartcar/webhook-crypto";
import type { TestDatabase } from "../../helpers/databases";
import { asc } from "drizzle-orm";

export const TEST_AMT = "test-management-token";

/** The real receiver and worker wired to a test database, served over real HTTP on loopback. */
export interface Harness {
  url: string;
  hub: LiveHub;
  worker: InboxWorker;
  receiver: ReceiverContext;
  server: Server;
  /** What the worker logged as warnings or errors (a batch falling back, a failed event). */
  problems: string[];
  close: () => Promise<void>;
}

export async function startHarness(database: TestDatabase, options: { worker?: boolean } = {}): Promise<Harness> {
  const { handle } = database;
  const hub = handle.kind === "postgres" ? createPostgresHub(handle.pool) : createMemoryHub();
  const receiver: ReceiverContext = {
    db: handle.db,
    inbox: createInboxWriter(handle.db),
    managementToken: TEST_AMT,
    onStored: () => hub.signalInbox(),
  };
  const problems: string[] = [];
  const log = {
    warn: (context: object, message: string) => problems.push(`${message}: ${String((context as { err?: unknown }).err)}`),
    error: (context: object, message: string) => problems.push(`${message}: ${String((context as { err?: unknown }).err)}`),
  };
  const worker = startInboxWorker({ db: handle.db, hub, log, batchSize: 8, pollIntervalMs: options.worker === false ? 3_600_000 : 200 });
  if (options.worker === false) await worker.stop();
  const server = createServer((request, response) => void answerNodeWebhook(receiver, request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/smartcar`,
    hub,
    worker,
    receiver,
    server,
    problems,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await hub.close();
    },
  };
}

export async function postSigned(url: string, payload: unknown, options: { amt?: string; signature?: string | null; raw?: string } = {}) {
  const body = options.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined ? signPayload(options.amt ?? TEST_AMT, body) : options.signature;
  if (signature !== null) headers["SC-Signature"] = signature;
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A fleet vehicle owned by one app user through one Smartcar user. */
export async function seedVehicle(db: Database, smartcarVehicleId: string, smartcarUserId = "sc-user-1") {
  const [owner] = await db
    .insert(users)
    .values({ email: `${smartcarUserId}-${smartcarVehicleId}@example.com`, role: "owner" })
    .returning();
  await db.insert(smartcarUsers).values({ id: smartcarUserId, userId: owner!.id }).onConflictDoNothing();
  const [vehicle] = await db.insert(vehicles).values({ smartcarVehicleId, make: "TESLA", model: "Model 3", year: 2022 }).returning();
  return { vehicleId: vehicle!.id, ownerId: owner!.id };
}

/** Latest values and history, in a stable order, for comparing final states. */
export async function vehicleState(db: Database) {
  const latest = await db
    .select({ vehicleId: vehicleSignals.vehicleId, code: vehicleSignals.code, body: vehicleSignals.body, oemUpdatedAt: vehicleSignals.oemUpdatedAt })
    .from(vehicleSignals)
    .orderBy(asc(vehicleSignals.vehicleId), asc(vehicleSignals.code));
  const history = await db
    .select({ vehicleId: signalHistory.vehicleId, code: signalHistory.code, body: signalHistory.body, oemUpdatedAt: signalHistory.oemUpdatedAt })
    .from(signalHistory)
    .orderBy(asc(signalHistory.vehicleId), asc(signalHistory.code), asc(signalHistory.oemUpdatedAt));
  return { latest, history };
}

export async function waitFor<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
