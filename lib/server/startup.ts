import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { getDatabaseHandle } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoAccounts } from "@/lib/demo/accounts";
import { getLogger } from "@/lib/log";

/**
 * Everything the server needs before it answers its first request: valid configuration, an
 * up-to-date schema, demo data when asked for, and the background workers.
 */
export async function startServer(): Promise<void> {
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
  await migrateDatabase(handle);
  log.info(
    { db: handle.kind, smartcar: config.smartcar.mode, demo: config.demo, ms: Math.round(performance.now() - startedAt) },
    "database ready",
  );
  if (config.demo) {
    log.info({ result: await seedDemoAccounts(handle.db) }, "demo accounts");
  }
}
