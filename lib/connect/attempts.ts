import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connectAttempts } from "@/lib/db/schema";

/** Long enough to log in at the OEM and pick cars; short enough that a leaked URL is soon useless. */
export const CONNECT_STATE_TTL_MS = 15 * 60_000;

export type ConnectAttempt = typeof connectAttempts.$inferSelect;

function hashState(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

export async function createConnectAttempt(
  db: Database,
  input: { purpose: "connect" | "reauthenticate"; startedBy: string | null; ownerId: string; vehicleId?: string | null },
  now = new Date(),
): Promise<{ state: string; attempt: ConnectAttempt }> {
  const state = randomBytes(32).toString("base64url");
  const [attempt] = await db
    .insert(connectAttempts)
    .values({
      stateHash: hashState(state),
      purpose: input.purpose,
      startedBy: input.startedBy,
      ownerId: input.ownerId,
      vehicleId: input.vehicleId ?? null,
      expiresAt: new Date(now.getTime() + CONNECT_STATE_TTL_MS),
    })
    .returning();
  return { state, attempt: attempt! };
}

export type ConsumeStateResult =
  | { ok: true; attempt: ConnectAttempt }
  | { ok: false; reason: "missing" | "unknown" | "used" | "expired" | "other_user" };

/**
 * Consumes the attempt a callback's `state` names, at most once: the update only matches an unused,
 * unexpired row started by the same user, so two callbacks racing with one state cannot both win.
 */
export async function consumeConnectAttempt(
  db: Database,
  state: string | null,
  sessionUserId: string | null,
  now = new Date(),
): Promise<ConsumeStateResult> {
  if (!state) return { ok: false, reason: "missing" };
  const stateHash = hashState(state);
  const [attempt] = await db
    .update(connectAttempts)
    .set({ consumedAt: now })
    .where(
      and(
        eq(connectAttempts.stateHash, stateHash),
        isNull(connectAttempts.consumedAt),
        gt(connectAttempts.expiresAt, now),
        // Attempts started from a reconnect link belong to no user (the link was the credential).
        sessionUserId === null ? isNull(connectAttempts.startedBy) : or(isNull(connectAttempts.startedBy), sql`${connectAttempts.startedBy} = ${sessionUserId}`),
      ),
    )
    .returning();
  if (attempt) return { ok: true, attempt };

  const [existing] = await db.select().from(connectAttempts).where(eq(connectAttempts.stateHash, stateHash)).limit(1);
  if (!existing) return { ok: false, reason: "unknown" };
  if (existing.consumedAt) return { ok: false, reason: "used" };
  if (existing.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: false, reason: "other_user" };
}

export async function recordConnectOutcome(db: Database, attemptId: string, outcome: string): Promise<void> {
  await db.update(connectAttempts).set({ outcome }).where(eq(connectAttempts.id, attemptId));
}
