/**
 * Fleetdeck's webhook receiver and inbox worker in a process of their own, mounted on node:http:
 * the fault tests SIGKILL it, the benchmark measures it. Prints `{"port": n}` once listening.
 *
 * Run with `node --conditions=react-server --import tsx tests/integration/webhooks/receiver-process.ts`.
 * Env: RECEIVER_DB=pglite:<dir> | postgres:<url>, RECEIVER_AMT, RECEIVER_WORKER=on|off, RECEIVER_PORT,
 * RECEIVER_SEED_VEHICLES=n (adds fleet vehicles bench-vehicle-0…n-1 so the worker has real work).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { vehicles } from "@/lib/db/schema";
import { createLiveHub } from "@/lib/live/hub";
import { answerNodeWebhook } from "@/lib/webhooks/http";
import { createInboxWriter, inboxInsertsInFlight } from "@/lib/webhooks/inbox";
import type { ReceiverContext } from "@/lib/webhooks/receive";
import { acknowledgementsFirst, inboxWorkerBatchSize, startInboxWorker } from "@/lib/webhooks/worker";

async function main() {
  const target = process.env.RECEIVER_DB ?? "pglite:memory://";
  const handle = target.startsWith("postgres:")
    ? openDatabase({ kind: "postgres", url: target.slice("postgres:".length) })
    : openDatabase({ kind: "pglite", dataDir: target.slice("pglite:".length) });
  await migrateDatabase(handle);
  const seedCount = Number(process.env.RECEIVER_SEED_VEHICLES ?? 0);
  if (seedCount > 0) {
    await handle.db
      .insert(vehicles)
      .values(Array.from({ length: seedCount }, (_, index) => ({ smartcarVehicleId: `bench-vehicle-${index}`, make: "TESLA", model: "Model Y", year: 2024 })))
      .onConflictDoNothing();
  }
  const hub = createLiveHub(handle);
  const inbox = createInboxWriter(handle.db, { insertsInFlight: inboxInsertsInFlight(handle.kind) });
  if (process.env.RECEIVER_WORKER !== "off") {
    startInboxWorker({
      db: handle.db,
      hub,
      batchSize: inboxWorkerBatchSize(handle.kind),
      beforeClaim: acknowledgementsFirst(handle.kind, inbox),
      pollIntervalMs: 1_000,
    });
  }
  const receiver: ReceiverContext = {
    db: handle.db,
    inbox,
    managementToken: process.env.RECEIVER_AMT ?? "test-management-token",
    onStored: () => hub.signalInbox(),
  };
  const server = createServer((request, response) => void answerNodeWebhook(receiver, request, response));
  server.keepAliveTimeout = 30_000;
  server.listen(Number(process.env.RECEIVER_PORT ?? 0), "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
}

void main();
