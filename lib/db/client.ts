import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite, types, type QueryOptions, type Transaction } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { getConfig } from "@/lib/config";
import * as schema from "./schema";

/** A Drizzle handle typed the same for both drivers, so no query module knows which one it runs on. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export type DatabaseHandle =
  | { kind: "pglite"; db: Database; client: PGlite; close: () => Promise<void> }
  | { kind: "postgres"; db: Database; pool: pg.Pool; close: () => Promise<void> };

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const db = drizzleNodePg(pool, { schema }) as unknown as Database;
    return { kind: "postgres", db, pool, close: () => pool.end() };
  }
  if (!target.dataDir.startsWith("memory://")) mkdirSync(target.dataDir, { recursive: true });
  return pgliteHandle(new PGlite(target.dataDir));
}

/** A handle on a PGlite client made elsewhere (tests load theirs from a migrated template), set up as the app's. */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client: withParsersSetOnce(client), schema }) as unknown as Database;
  return { kind: "pglite", db, client, close: () => client.close() };
}

/** The types drizzle reads as PostgreSQL's text (it maps them itself): timestamps, intervals, dates and their arrays. */
const DRIZZLE_TEXT_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];

/**
 * Drizzle passes its parsers with every PGlite query, and PGlite then copies its whole parser table
 * (300+ entries, ~75 µs) per statement, a quarter of a small insert. Installing the same parsers on
 * the client once, and dropping them from each query, gives drizzle identical results without that copy.
 */
function withParsersSetOnce(client: PGlite): PGlite {
  // After start-up, which registers the array types' parsers.
  const ready = client.waitReady.then(() => {
    for (const type of DRIZZLE_TEXT_TYPES) client.parsers[type] = (text: string) => text;
  });
  const withoutParsers = (options?: QueryOptions) => (options?.parsers ? { ...options, parsers: undefined } : options);
  const wrap = <T extends PGlite | Transaction>(target: T, overrides: Partial<T>): T =>
    new Proxy(target, {
      get(object, property) {
        if (property in overrides) return overrides[property as keyof T];
        const value = Reflect.get(object, property, object) as unknown;
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  const wrapTransaction = (transaction: Transaction): Transaction =>
    wrap(transaction, { query: (text, params, options) => transaction.query(text, params, withoutParsers(options)) });
  return wrap(client, {
    query: async (text, params, options) => {
      await ready;
      return client.query(text, params, withoutParsers(options));
    },
    transaction: async (callback) => {
      await ready;
      return client.transaction((transaction) => callback(wrapTransaction(transaction)));
    },
  } as Partial<PGlite>);
}

const globalForDb = globalThis as unknown as { fleetdeckDatabase?: DatabaseHandle };

/** The process-wide handle, cached on globalThis so dev reloads never open a second embedded database. */
export function getDatabaseHandle(): DatabaseHandle {
  globalForDb.fleetdeckDatabase ??= openDatabase(getConfig().database);
  return globalForDb.fleetdeckDatabase;
}

/** Which engine a handle (not a transaction) runs on: PostgreSQL may be shared by several instances, PGlite never. */
export function databaseKindOf(db: Database): "pglite" | "postgres" {
  return (db as unknown as { $client?: unknown }).$client instanceof pg.Pool ? "postgres" : "pglite";
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

export async function pingDatabase(db: Database, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
