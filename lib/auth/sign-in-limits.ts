import "server-only";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { signInFailures } from "@/lib/db/schema";
import { normalizeEmail } from "./users";

/**
 * Rate limits on failed sign-ins, per account and per client address, counted in a sliding window.
 * Blocked attempts are not counted, so a lock lifts on schedule even while someone keeps trying.
 */

export interface SignInLimit {
  maxFailures: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS = {
  account: { maxFailures: 5, windowMs: 15 * 60_000 },
  ip: { maxFailures: 20, windowMs: 15 * 60_000 },
} as const satisfies Record<string, SignInLimit>;

export interface SignInSubjects {
  account: string;
  ip: string;
}

export function signInSubjects(email: string, ip: string): SignInSubjects {
  return { account: `account:${normalizeEmail(email)}`, ip: `ip:${ip}` };
}

export type SignInVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Given the most recent failures of one subject (newest first), when it may try again: a subject
 * with `maxFailures` failures inside the window waits until the oldest of them leaves the window.
 */
export function limitVerdict(recentFailures: Date[], limit: SignInLimit, now: Date): SignInVerdict {
  const inWindow = recentFailures.filter((failedAt) => now.getTime() - failedAt.getTime() < limit.windowMs);
  if (inWindow.length < limit.maxFailures) return { allowed: true };
  const oldestCounted = inWindow[limit.maxFailures - 1]!;
  return { allowed: false, retryAt: new Date(oldestCounted.getTime() + limit.windowMs) };
}

/** The later of two verdicts' waits: blocked if either subject is. */
export function combineVerdicts(...verdicts: SignInVerdict[]): SignInVerdict {
  let retryAt: Date | undefined;
  for (const verdict of verdicts) {
    if (!verdict.allowed && (!retryAt || verdict.retryAt > retryAt)) retryAt = verdict.retryAt;
  }
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

async function recentFailures(db: Database, subject: string, limit: SignInLimit, now: Date): Promise<Date[]> {
  const rows = await db
    .select({ failedAt: signInFailures.failedAt })
    .from(signInFailures)
    .where(and(eq(signInFailures.subject, subject), gt(signInFailures.failedAt, new Date(now.getTime() - limit.windowMs))))
    .orderBy(desc(signInFailures.failedAt))
    .limit(limit.maxFailures);
  return rows.map((row) => row.failedAt);
}

export async function checkSignInAllowed(db: Database, subjects: SignInSubjects, now = new Date()): Promise<SignInVerdict> {
  const [accountFailures, ipFailures] = await Promise.all([
    recentFailures(db, subjects.account, SIGN_IN_LIMITS.account, now),
    recentFailures(db, subjects.ip, SIGN_IN_LIMITS.ip, now),
  ]);
  return combineVerdicts(
    limitVerdict(accountFailures, SIGN_IN_LIMITS.account, now),
    limitVerdict(ipFailures, SIGN_IN_LIMITS.ip, now),
  );
}

const LONGEST_WINDOW_MS = Math.max(SIGN_IN_LIMITS.account.windowMs, SIGN_IN_LIMITS.ip.windowMs);

export async function recordSignInFailure(db: Database, subjects: SignInSubjects, now = new Date()): Promise<void> {
  await db.insert(signInFailures).values([
    { subject: subjects.account, failedAt: now },
    { subject: subjects.ip, failedAt: now },
  ]);
  // Rows older than every window no longer count for anything.
  await db.delete(signInFailures).where(lt(signInFailures.failedAt, new Date(now.getTime() - LONGEST_WINDOW_MS)));
}

/** A correct password clears the account's count; the address keeps its history. */
export async function clearAccountFailures(db: Database, subjects: SignInSubjects): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.subject, subjects.account));
}
