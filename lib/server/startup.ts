import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { getDatabaseHandle } from "@/lib/db";
import { APP_MIGRATIONS, migrateDatabase } from "@/lib/db/migrate";
import { seedDemoAccounts } from "@/lib/demo/accounts";
import { getLogger } from "@/lib/log";
import { announceReady } from "./announce";
import { runWhenServing, whenServing } from "./background";
import { startVehicleTokenRefreshJob } from "@/lib/smartcar";
import { startWebhookProcessing } from "@/lib/webhooks/runtime";

const globalForStartup = globalThis as unknown as { fleetdeckStartup?: Promise<void> };

/**
 * Everything the server needs before it answers its first request: valid configuration, an
 * up-to-date schema, demo data when asked for, and the background workers. Runs once per process:
 * the production server (scripts/server.ts) awaits it before opening its port, and Next's
 * instrumentation hook awaits the same run (or starts it, under `next dev` and `next start`).
 */
export function startServer(): Promise<void> {
  globalForStartup.fleetdeckStartup ??= start();
  return globalForStartup.fleetdeckStartup;
}

async function start(): Promise<void> {
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const config = getConfig();
  const log = getLogger();
  const handle = getDatabaseHandle();
  const startedAt = performance.now();
  const emulator = config.smartcar.mode === "emulator";
  const { SIMULATOR_MIGRATIONS } = emulator ? await import("@/lib/simulator/db/migrations") : { SIMULATOR_MIGRATIONS: undefined };
  await migrateDatabase(handle, SIMULATOR_MIGRATIONS ? [APP_MIGRATIONS, SIMULATOR_MIGRATIONS] : [APP_MIGRATIONS]);
  log.info(
    { db: handle.kind, smartcar: config.smartcar.mode, demo: config.demo, ms: Math.round(performance.now() - startedAt) },
    "database ready",
  );
  if (emulator) {
    // The built-in Smartcar emulator: seeds its world once; its clock and webhook dispatcher start once
    // this server answers (the first thing the dispatcher does is VERIFY this app's webhook URL).
    const { startSimulator } = await import("@/lib/simulator/runtime");
    await startSimulator(whenServing());
  }
  let demoFleet: Promise<void> = Promise.resolve();
  if (config.demo) {
    log.debug({ result: await seedDemoAccounts(handle.db) }, "demo accounts");
    if (emulator) {
      const [{ seedDemoFleet }, { getSmartcar }, { getLiveHub }] = await Promise.all([
        import("@/lib/demo/fleet"),
        import("@/lib/smartcar"),
        import("@/lib/live"),
      ]);
      demoFleet = runWhenServing("demo fleet", () => seedDemoFleet(handle.db, getSmartcar(), getLiveHub()));
    }
  }
  // After migrations: drains whatever a previous run acknowledged but did not process.
  startWebhookProcessing();
  // Legacy v2 connections: rotate per-vehicle tokens well before their 60-day refresh limit.
  startVehicleTokenRefreshJob();
  // Alert deliveries, scheduled alert rules, command time-outs, the outbox, reports, audit retention.
  (await import("@/lib/alerts/jobs")).startOperationsJobs();
  void Promise.all([whenServing(), demoFleet])
    .then(() => announceReady(handle.db))
    .catch((error: unknown) => log.error({ err: error }, "start-up did not complete"));
}
