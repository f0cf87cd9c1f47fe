import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, pgliteHandle, type DatabaseHandle } from "@/lib/db/client";
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

function migrationsFingerprint(sets: MigrationSet[]): string {
  const hash = createHash("sha256");
  for (const set of sets) {
    hash.update(set.table);
    for (const file of readdirSync(set.folder).filter((name) => name.endsWith(".sql")).sort()) {
      hash.update(file).update(readFileSync(path.join(set.folder, file)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * initdb plus migrations cost seconds per PGlite instance; a migrated data directory is dumped once
 * (per migration set, shared by all test files) and every further test database is loaded from it.
 */
async function migratedPgliteTemplate(sets: MigrationSet[]): Promise<Blob> {
  const file = path.join(tmpdir(), `fleetdeck-pglite-${migrationsFingerprint(sets)}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const handle = openDatabase({ kind: "pglite", dataDir: "memory://" });
  await migrateDatabase(handle, sets);
  if (handle.kind !== "pglite") throw new Error("unreachable");
  const dump = await handle.client.dumpDataDir("none");
  await handle.close();
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

/** A fresh, migrated database of the given kind: PGlite in memory, or a scratch PostgreSQL database. */
export async function openTestDatabase(kind: "pglite" | "postgres", sets: MigrationSet[] = [APP_MIGRATIONS]): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = pgliteHandle(new PGlite("memory://", { loadDataDir: await migratedPgliteTemplate(sets) }));
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
