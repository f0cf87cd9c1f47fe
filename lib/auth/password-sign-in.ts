import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db";
import { spendPasswordCheckTime, verifyPassword } from "./passwords";
import type { SessionUser } from "./session-user";
import { checkSignInAllowed, clearAccountFailures, recordSignInFailure, signInSubjects } from "./sign-in-limits";
import { findUserByEmail } from "./users";

export const passwordSignInInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export type PasswordSignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAt: Date };

/**
 * Checks an email + password. An unknown email and a wrong password are the same answer, take the
 * same time and count against the same limits, so the result never tells which one was wrong.
 */
export async function signInWithPassword(
  db: Database,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<PasswordSignInResult> {
  const subjects = signInSubjects(input.email, input.ip);
  const verdict = await checkSignInAllowed(db, subjects, now);
  if (!verdict.allowed) return { ok: false, reason: "rate_limited", retryAt: verdict.retryAt };

  const user = await findUserByEmail(db, input.email);
  let passwordMatches = false;
  if (user?.passwordHash) passwordMatches = await verifyPassword(input.password, user.passwordHash);
  else await spendPasswordCheckTime(input.password);

  if (!user || !passwordMatches) {
    await recordSignInFailure(db, subjects, now);
    return { ok: false, reason: "invalid_credentials" };
  }
  await clearAccountFailures(db, subjects);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** The caller's address as the nearest proxy reports it; the first hop of X-Forwarded-For. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
