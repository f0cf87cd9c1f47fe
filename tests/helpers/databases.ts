import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase, type MigrationSet, APP_MIGRATIONS } from "@/lib/db/migrate";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Whether integration suites also run against PostgreSQL; decided once per test file. */
export const POSTGRES_AVAILABLE = await postgresAnswers();
export const DATABASE_KINDS = POSTGRES_AVAILABLE ? (["pglite", "postgres"] as const) : (["pglite"] as const);

if (!POSTGRES_AVAILABLE) {
  console.warn(`[integration] PostgreSQL did not answer at ${TEST_DATABASE_URL}: running against PGlite only`);
}

function adminUrl(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new empty database on the test server, dropped by the returned cleanup. */
export async function createScratchPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fleetdeck_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: adminUrl(name),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestDatabase {
  kind: "pglite" | "postgres";
  handle: DatabaseHandle;
  close: () => Promise<void>;
}

/** A fresh, migrated database of the given kind: PGlite in memory, or a scratch PostgreSQL database. */
export async function openTestDatabase(kind: "pglite" | "postgres", sets: MigrationSet[] = [APP_MIGRATIONS]): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = openDatabase({ kind: "pglite", dataDir: "memory://" });
    await migrateDatabase(handle, sets);
    return { kind, handle, close: () => handle.close() };
  }
  const scratch = await createScratchPostgres();
  const handle = openDatabase({ kind: "postgres", url: scratch.url });
  await migrateDatabase(handle, sets);
  return {
    kind,
    handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}
