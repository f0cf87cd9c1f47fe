import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * A migrated benchmark database: PGlite in memory, or a scratch database on the local PostgreSQL
 * (null when nothing answers). tests/helpers/databases.ts uses top-level await, which tsx cannot
 * load in this CommonJS package; these are the same steps.
 */
export async function openBenchDatabase(kind: "pglite" | "postgres"): Promise<{ handle: DatabaseHandle; close: () => Promise<void> } | null> {
  if (kind === "pglite") {
    const handle = openDatabase({ kind: "pglite", dataDir: "memory://" });
    await migrateDatabase(handle);
    return { handle, close: () => handle.close() };
  }
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1_500 });
  try {
    await admin.connect();
  } catch {
    console.log(`\npostgres: nothing answers at ${POSTGRES_URL}, skipped`);
    return null;
  }
  const name = `fleetdeck_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await admin.query(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: url.toString() });
  await migrateDatabase(handle);
  return {
    handle,
    close: async () => {
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
