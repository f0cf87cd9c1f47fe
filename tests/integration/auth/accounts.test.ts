import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { createFirstManager, managerExists, SetupAlreadyDoneError } from "@/lib/auth/users";
import type { Database } from "@/lib/db";
import { seedRuns, users } from "@/lib/db/schema";
import { DEMO_ACCOUNTS, DEMO_ACCOUNTS_SEED, DEMO_PASSWORD, seedDemoAccounts } from "@/lib/demo/accounts";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";

describe.each(DATABASE_KINDS)("first manager on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await openTestDatabase(kind);
    db = testDb.handle.db;
  });
  afterAll(async () => testDb?.close());

  it("is created once, even when two setups are submitted together", async () => {
    expect(await managerExists(db)).toBe(false);
    const results = await Promise.allSettled([
      createFirstManager(db, { email: "first@example.test", password: "first password" }),
      createFirstManager(db, { email: "second@example.test", password: "second password" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(SetupAlreadyDoneError);
    expect(await db.select().from(users).where(eq(users.role, "manager"))).toHaveLength(1);
    expect(await managerExists(db)).toBe(true);
    await expect(createFirstManager(db, { email: "third@example.test", password: "third password" })).rejects.toBeInstanceOf(SetupAlreadyDoneError);
  });
});

describe.each(DATABASE_KINDS)("demo accounts on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await openTestDatabase(kind);
    db = testDb.handle.db;
  });
  afterAll(async () => testDb?.close());

  it("are seeded once, one per role, with the demo password", async () => {
    expect(await seedDemoAccounts(db)).toBe("seeded");
    const seeded = await db.select().from(users);
    expect(seeded.map((user) => [user.email, user.role]).sort()).toEqual(DEMO_ACCOUNTS.map((account) => [account.email, account.role]).sort());
    expect(DEMO_ACCOUNTS.map((account) => account.email).sort()).toEqual(["manager@demo.fleetdeck.dev", "owner@demo.fleetdeck.dev", "viewer@demo.fleetdeck.dev"]);
    for (const user of seeded) expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true);
    expect(await db.select().from(seedRuns).where(eq(seedRuns.name, DEMO_ACCOUNTS_SEED))).toHaveLength(1);
  });

  it("are not seeded again after a restart, so changes made since are kept", async () => {
    await db.update(users).set({ passwordHash: "changed" }).where(eq(users.email, "viewer@demo.fleetdeck.dev"));
    expect(await seedDemoAccounts(db)).toBe("already-seeded");
    const [viewer] = await db.select().from(users).where(eq(users.email, "viewer@demo.fleetdeck.dev"));
    expect(viewer!.passwordHash).toBe("changed");
    expect(await db.select().from(users)).toHaveLength(3);
  });
});
