import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/password-sign-in";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limits";
import type { Database } from "@/lib/db";
import { signInFailures } from "@/lib/db/schema";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";
import { insertUser } from "./factories";

const start = new Date("2026-11-23T12:00:00Z");
const after = (ms: number) => new Date(start.getTime() + ms);

describe.each(DATABASE_KINDS)("password sign-in and its rate limits on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await openTestDatabase(kind);
    db = testDb.handle.db;
  });
  afterAll(async () => testDb?.close());

  it("signs in with the right password, whatever the email's case", async () => {
    const user = await insertUser(db, { email: "right@example.test", role: "viewer" });
    const result = await signInWithPassword(db, { email: " RIGHT@example.test", password: "right password", ip: "198.51.100.1" }, start);
    expect(result).toEqual({ ok: true, user });
  });

  it("gives the same answer for an unknown email and a wrong password, and counts both", async () => {
    await insertUser(db, { email: "known@example.test" });
    const wrongPassword = await signInWithPassword(db, { email: "known@example.test", password: "wrong", ip: "198.51.100.2" }, start);
    const unknownEmail = await signInWithPassword(db, { email: "nobody@example.test", password: "right password", ip: "198.51.100.2" }, start);
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknownEmail).toEqual(wrongPassword);

    const subjects = (await db.select({ subject: signInFailures.subject }).from(signInFailures)).map((row) => row.subject);
    expect(subjects).toEqual(expect.arrayContaining(["account:known@example.test", "account:nobody@example.test", "ip:198.51.100.2"]));
  });

  it("locks an account after too many failures, even for the right password, until the window passes", async () => {
    await insertUser(db, { email: "target@example.test" });
    const { maxFailures, windowMs } = SIGN_IN_LIMITS.account;
    // Each guess from a different address: the per-account limit must hold on its own.
    for (let attempt = 0; attempt < maxFailures; attempt += 1) {
      const result = await signInWithPassword(db, { email: "target@example.test", password: `guess ${attempt}`, ip: `203.0.113.${attempt}` }, after(attempt * 1_000));
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
    }

    const locked = await signInWithPassword(db, { email: "target@example.test", password: "right password", ip: "192.0.2.200" }, after(maxFailures * 1_000));
    expect(locked).toEqual({ ok: false, reason: "rate_limited", retryAt: after(windowMs) });

    // The same email in other capitalization is the same account.
    expect(await signInWithPassword(db, { email: "Target@Example.test", password: "right password", ip: "192.0.2.201" }, after(60_000))).toMatchObject({ reason: "rate_limited" });

    const unlocked = await signInWithPassword(db, { email: "target@example.test", password: "right password", ip: "192.0.2.200" }, after(windowMs + 1));
    expect(unlocked.ok).toBe(true);
  });

  it("a successful sign-in clears the account's failures", async () => {
    await insertUser(db, { email: "forgetful@example.test" });
    const ip = "192.0.2.50";
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.account.maxFailures - 1; attempt += 1) {
      await signInWithPassword(db, { email: "forgetful@example.test", password: "oops", ip }, start);
    }
    expect((await signInWithPassword(db, { email: "forgetful@example.test", password: "right password", ip }, start)).ok).toBe(true);
    expect(await db.select().from(signInFailures).where(eq(signInFailures.subject, "account:forgetful@example.test"))).toHaveLength(0);
    // …so one more slip is not a lockout.
    expect(await signInWithPassword(db, { email: "forgetful@example.test", password: "oops", ip }, start)).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("limits one address spraying guesses across many accounts", async () => {
    const ip = "198.51.100.99";
    const { maxFailures } = SIGN_IN_LIMITS.ip;
    // Existing accounts with cheap hashes keep this fast; unknown emails would each pay a full-cost decoy check.
    const victims = await Promise.all(Array.from({ length: maxFailures + 1 }, (_, index) => insertUser(db, { email: `spray${index}@example.test` })));
    for (let attempt = 0; attempt < maxFailures; attempt += 1) {
      // A different account each time, so no single account reaches its own limit.
      await signInWithPassword(db, { email: victims[attempt + 1]!.email, password: "password1", ip }, start);
    }
    expect(await signInWithPassword(db, { email: victims[0]!.email, password: "right password", ip }, after(1_000))).toMatchObject({ ok: false, reason: "rate_limited" });
    // Another address is not affected.
    expect((await signInWithPassword(db, { email: victims[1]!.email, password: "right password", ip: "198.51.100.100" }, after(1_000))).ok).toBe(true);
  });

  it("keeps the table small: failures older than every window are deleted on the next failure", async () => {
    const old = new Date(start.getTime() - 24 * 3_600_000);
    await db.insert(signInFailures).values({ subject: "account:ancient@example.test", failedAt: old });
    await signInWithPassword(db, { email: "someone@example.test", password: "x", ip: "192.0.2.77" }, start);
    expect(await db.select().from(signInFailures).where(eq(signInFailures.subject, "account:ancient@example.test"))).toHaveLength(0);
  });
});
