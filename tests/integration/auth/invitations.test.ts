import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  createInvitation,
  hashInvitationToken,
  InvitationUnusableError,
  listInvitations,
  lookUpInvitation,
  revokeInvitation,
} from "@/lib/auth/invitations";
import { verifyPassword } from "@/lib/auth/passwords";
import { EmailTakenError } from "@/lib/auth/users";
import type { Database } from "@/lib/db";
import { invitations, users } from "@/lib/db/schema";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";
import { insertUser } from "./factories";

const HOUR = 3_600_000;

function tamper(token: string): string {
  const index = 10;
  return `${token.slice(0, index)}${token[index] === "A" ? "B" : "A"}${token.slice(index + 1)}`;
}

describe.each(DATABASE_KINDS)("invitations on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let managerId: string;

  beforeAll(async () => {
    testDb = await openTestDatabase(kind);
    db = testDb.handle.db;
    managerId = (await insertUser(db, { role: "manager" })).id;
  });
  afterAll(async () => testDb?.close());

  it("stores only the token's hash, and the link opens an account with the invited role", async () => {
    const invitation = await createInvitation(db, { email: " New.Owner@Example.test ", role: "owner", invitedBy: managerId, lifetimeHours: 72 });
    expect(invitation.email).toBe("new.owner@example.test");

    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row!.tokenHash).toBe(hashInvitationToken(invitation.token));
    expect(JSON.stringify(row)).not.toContain(invitation.token);

    expect(await lookUpInvitation(db, invitation.token)).toMatchObject({ state: "pending", email: "new.owner@example.test", role: "owner" });

    const user = await acceptInvitation(db, { token: invitation.token, name: " Nia Owner ", password: "a good password" });
    expect(user).toMatchObject({ email: "new.owner@example.test", role: "owner", name: "Nia Owner" });
    const [stored] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword("a good password", stored!.passwordHash!)).toBe(true);

    const [accepted] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(accepted!.acceptedAt).toBeInstanceOf(Date);
    expect(accepted!.acceptedUserId).toBe(user.id);
  });

  it("works once: a reused link is refused and creates nothing", async () => {
    const { token } = await createInvitation(db, { email: "once@example.test", role: "viewer", invitedBy: managerId, lifetimeHours: 24 });
    await acceptInvitation(db, { token, name: "", password: "first password" });

    await expect(acceptInvitation(db, { token, name: "", password: "second password" })).rejects.toMatchObject({ state: "accepted" });
    expect(await lookUpInvitation(db, token)).toEqual({ state: "accepted" });
    const accounts = await db.select().from(users).where(eq(users.email, "once@example.test"));
    expect(accounts).toHaveLength(1);
    expect(await verifyPassword("first password", accounts[0]!.passwordHash!)).toBe(true);
  });

  it("expires: after its lifetime the link is refused", async () => {
    const createdAt = new Date("2026-11-01T09:00:00Z");
    const { token } = await createInvitation(db, { email: "late@example.test", role: "owner", invitedBy: managerId, lifetimeHours: 24 }, createdAt);

    const justBefore = new Date(createdAt.getTime() + 24 * HOUR - 1_000);
    expect((await lookUpInvitation(db, token, justBefore)).state).toBe("pending");

    const justAfter = new Date(createdAt.getTime() + 24 * HOUR + 1_000);
    expect(await lookUpInvitation(db, token, justAfter)).toEqual({ state: "expired" });
    const error = await acceptInvitation(db, { token, name: "", password: "some password" }, justAfter).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvitationUnusableError);
    expect((error as InvitationUnusableError).state).toBe("expired");
    expect(await db.select().from(users).where(eq(users.email, "late@example.test"))).toHaveLength(0);
  });

  it("refuses a tampered or made-up token without touching the real invitation", async () => {
    const { token } = await createInvitation(db, { email: "tamper@example.test", role: "owner", invitedBy: managerId, lifetimeHours: 72 });

    for (const forged of [tamper(token), token.slice(0, -1), `${token}x`, "not-a-token"]) {
      expect(await lookUpInvitation(db, forged)).toEqual({ state: "not-found" });
      await expect(acceptInvitation(db, { token: forged, name: "", password: "some password" })).rejects.toMatchObject({ state: "not-found" });
    }
    expect(await db.select().from(users).where(eq(users.email, "tamper@example.test"))).toHaveLength(0);
    expect((await lookUpInvitation(db, token)).state).toBe("pending");
  });

  it("can be withdrawn by a manager, and a newer link replaces an older unused one", async () => {
    const first = await createInvitation(db, { email: "twice@example.test", role: "viewer", invitedBy: managerId, lifetimeHours: 72 });
    const second = await createInvitation(db, { email: "twice@example.test", role: "owner", invitedBy: managerId, lifetimeHours: 72 });
    expect(await lookUpInvitation(db, first.token)).toEqual({ state: "revoked" });
    expect((await lookUpInvitation(db, second.token)).state).toBe("pending");

    expect(await revokeInvitation(db, second.id)).toBe(true);
    expect(await revokeInvitation(db, second.id)).toBe(false);
    await expect(acceptInvitation(db, { token: second.token, name: "", password: "some password" })).rejects.toMatchObject({ state: "revoked" });

    const listed = await listInvitations(db);
    expect(listed.filter((item) => item.email === "twice@example.test").map((item) => item.state).sort()).toEqual(["revoked", "revoked"]);
  });

  it("is not offered for an email that already has an account", async () => {
    const existing = await insertUser(db, { email: "taken@example.test" });
    await expect(createInvitation(db, { email: "TAKEN@example.test", role: "viewer", invitedBy: managerId, lifetimeHours: 24 })).rejects.toBeInstanceOf(EmailTakenError);
    expect(existing.email).toBe("taken@example.test");
  });

  it("turns two simultaneous acceptances of one link into exactly one account", async () => {
    const { token } = await createInvitation(db, { email: "race@example.test", role: "owner", invitedBy: managerId, lifetimeHours: 72 });
    const results = await Promise.allSettled([
      acceptInvitation(db, { token, name: "", password: "password one" }),
      acceptInvitation(db, { token, name: "", password: "password two" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(InvitationUnusableError);
    expect(await db.select().from(users).where(eq(users.email, "race@example.test"))).toHaveLength(1);
  });
});
