import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { users } from "@/lib/db/schema";
import { createScratchPostgres, DATABASE_KINDS, openTestDatabase, POSTGRES_AVAILABLE } from "../helpers/databases";

const EXPECTED_TABLES = ["users", "vehicles", "connections", "vehicle_signals", "signal_history", "webhook_deliveries", "vehicle_errors", "vehicle_tokens"];

describe.each(DATABASE_KINDS)("database on %s", (kind) => {
  const opened: Array<{ close: () => Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
  });

  it("creates the schema and round-trips a row", async () => {
    const database = await openTestDatabase(kind);
    opened.push(database);
    const { rows } = (await database.handle.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    )) as unknown as { rows: { table_name: string }[] };
    expect(rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(EXPECTED_TABLES));

    const [inserted] = await database.handle.db.insert(users).values({ email: "a@example.com", role: "manager" }).returning();
    expect(inserted?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("applies migrations idempotently", async () => {
    const database = await openTestDatabase(kind);
    opened.push(database);
    await migrateDatabase(database.handle);
    const { rows } = (await database.handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as {
      rows: { n: number }[];
    };
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});

describe.each(DATABASE_KINDS)("timestamps, dates and intervals through drizzle on %s", (kind) => {
  it("come back the same outside a transaction, inside one, and from raw SQL", async () => {
    const database = await openTestDatabase(kind);
    try {
      const { db } = database.handle;
      const updatedAt = new Date("2026-11-01T12:34:56.789Z");
      const [inserted] = await db.insert(users).values({ email: "when@example.com", role: "viewer", updatedAt }).returning();
      expect(inserted?.updatedAt).toEqual(updatedAt);
      expect(inserted?.createdAt).toBeInstanceOf(Date);

      const inTransaction = await db.transaction((tx) => tx.select().from(users).where(sql`${users.id} = ${inserted!.id}`));
      expect(inTransaction[0]?.updatedAt).toEqual(updatedAt);

      // Raw results keep PostgreSQL's text for these types, as drizzle expects when it maps them.
      const { rows } = (await db.execute(
        sql`select '2026-11-01'::date as day, interval '90 minutes' as span, ${updatedAt.toISOString()}::timestamptz as at`,
      )) as unknown as { rows: { day: unknown; span: unknown; at: unknown }[] };
      expect(rows[0]).toEqual({ day: "2026-11-01", span: expect.stringMatching(/01:30:00/), at: expect.any(String) });
      expect(new Date(rows[0]!.at as string)).toEqual(updatedAt);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!POSTGRES_AVAILABLE)("two instances starting together on one PostgreSQL", () => {
  it("both come up and the migrations are applied once", async () => {
    const scratch = await createScratchPostgres();
    const instances = Array.from({ length: 3 }, () => openDatabase({ kind: "postgres", url: scratch.url }));
    try {
      await Promise.all(instances.map((instance) => migrateDatabase(instance)));
      const { rows } = (await instances[0]!.db.execute(
        sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`,
      )) as unknown as { rows: { n: number }[] };
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.n === 1)).toBe(true);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await scratch.drop();
    }
  });
});
