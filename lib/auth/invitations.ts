import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { invitations, users } from "@/lib/db/schema";
import { hashPassword } from "./passwords";
import type { InvitableRole, Role } from "./roles";
import type { SessionUser } from "./session-user";
import { EmailTakenError, normalizeEmail } from "./users";

/**
 * Invitations by link: a random token goes into the link, only its SHA-256 is stored. A link works
 * once, until it expires or a manager revokes it.
 */

export const INVITATION_LIFETIMES_HOURS = [24, 72, 168] as const;
export type InvitationLifetimeHours = (typeof INVITATION_LIFETIMES_HOURS)[number];
export const DEFAULT_INVITATION_LIFETIME_HOURS: InvitationLifetimeHours = 72;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isWellFormedInvitationToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

export type InvitationState = "pending" | "accepted" | "expired" | "revoked";

export function invitationState(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: InvitableRole;
  expiresAt: Date;
  /** The secret for the link; shown to the manager once, never stored. */
  token: string;
}

/** Invites `email` as `role`. An earlier unused link for the same email stops working. */
export async function createInvitation(
  db: Database,
  input: { email: string; role: InvitableRole; invitedBy: string; lifetimeHours: InvitationLifetimeHours },
  now = new Date(),
): Promise<CreatedInvitation> {
  const email = normalizeEmail(input.email);
  const token = generateInvitationToken();
  const expiresAt = new Date(now.getTime() + input.lifetimeHours * 3_600_000);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) throw new EmailTakenError(email);
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const [created] = await tx
      .insert(invitations)
      .values({ email, role: input.role, tokenHash: hashInvitationToken(token), invitedBy: input.invitedBy, expiresAt, createdAt: now })
      .returning({ id: invitations.id });
    return { id: created!.id, email, role: input.role, expiresAt, token };
  });
}

export type InvitationLookup =
  | { state: "pending"; email: string; role: Role; expiresAt: Date }
  | { state: Exclude<InvitationState, "pending"> | "not-found" };

/** What the acceptance page should say about a link, without consuming it. */
export async function lookUpInvitation(db: Database, token: string, now = new Date()): Promise<InvitationLookup> {
  if (!isWellFormedInvitationToken(token)) return { state: "not-found" };
  const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, hashInvitationToken(token))).limit(1);
  if (!row) return { state: "not-found" };
  const state = invitationState(row, now);
  if (state !== "pending") return { state };
  return { state, email: row.email, role: row.role, expiresAt: row.expiresAt };
}

export class InvitationUnusableError extends Error {
  constructor(readonly state: Exclude<InvitationLookup["state"], "pending">) {
    super(`Invitation cannot be used: ${state}`);
    this.name = "InvitationUnusableError";
  }
}

/**
 * Turns a pending invitation into an account. Claiming the row and creating the user happen in one
 * transaction with a conditional update, so two simultaneous submissions create one account.
 */
export async function acceptInvitation(
  db: Database,
  input: { token: string; name: string; password: string },
  now = new Date(),
): Promise<SessionUser> {
  if (!isWellFormedInvitationToken(input.token)) throw new InvitationUnusableError("not-found");
  const tokenHash = hashInvitationToken(input.token);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(
        and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)),
      )
      .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
    if (!claimed) {
      const [row] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
      const state = row ? invitationState(row, now) : "not-found";
      // A row that reads as pending here lost a race with a concurrent acceptance.
      throw new InvitationUnusableError(state === "pending" ? "accepted" : state);
    }
    const [user] = await tx
      .insert(users)
      .values({ email: claimed.email, name: input.name.trim() || null, passwordHash, role: claimed.role })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (!user) throw new EmailTakenError(claimed.email);
    await tx.update(invitations).set({ acceptedUserId: user.id }).where(eq(invitations.id, claimed.id));
    return user;
  });
}

export interface InvitationListItem {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  expiresAt: Date;
  createdAt: Date;
  invitedByEmail: string | null;
}

/** Recent invitations, newest first, for the People page. */
export async function listInvitations(db: Database, now = new Date(), limit = 50): Promise<InvitationListItem[]> {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      createdAt: invitations.createdAt,
      invitedByEmail: users.email,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .orderBy(desc(invitations.createdAt))
    .limit(limit);
  return rows.map(({ acceptedAt, revokedAt, ...row }) => ({ ...row, state: invitationState({ acceptedAt, revokedAt, expiresAt: row.expiresAt }, now) }));
}

/** Stops an unused link from working; true when there was one to stop. */
export async function revokeInvitation(db: Database, id: string, now = new Date()): Promise<boolean> {
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return revoked.length > 0;
}
