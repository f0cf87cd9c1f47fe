import "server-only";
import path from "node:path";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";

export interface MigrationSet {
  folder: string;
  table: string;
}

export const APP_MIGRATIONS: MigrationSet = {
  folder: path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle"),
  table: "__drizzle_migrations",
};

/** Arbitrary but fixed: every Fleetdeck instance sharing a database takes the same advisory lock. */
const MIGRATION_LOCK_KEY = 7_221_906_431;

/**
 * Applies migration sets in order. On PostgreSQL the whole run holds a session advisory lock, so
 * instances starting together queue up and the later ones find nothing left to apply.
 */
export async function migrateDatabase(handle: DatabaseHandle, sets: MigrationSet[] = [APP_MIGRATIONS]): Promise<void> {
  if (handle.kind === "pglite") {
    for (const set of sets) {
      await migratePglite(handle.db as unknown as PgliteDatabase<Record<string, never>>, {
        migrationsFolder: set.folder,
        migrationsTable: set.table,
      });
    }
    return;
  }
  const client = await handle.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      const lockedDb = drizzleNodePg(client);
      for (const set of sets) {
        await migrateNodePg(lockedDb, { migrationsFolder: set.folder, migrationsTable: set.table });
      }
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
