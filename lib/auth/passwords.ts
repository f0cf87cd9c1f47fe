import "server-only";
import bcrypt from "bcryptjs";

/**
 * Password hashing with bcrypt (pure JS, so no native binary to install per platform).
 * Cost 12 takes ~250 ms here: slow enough to make guessing expensive, fast enough to sign in.
 */
export const PASSWORD_HASH_COST = 12;
export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt only reads the first 72 bytes; longer passwords would be silently truncated. */
export const MAX_PASSWORD_BYTES = 72;

export function hashPassword(password: string, cost = PASSWORD_HASH_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a miss costs as long as a wrong password and
// response times don't reveal which accounts exist.
let decoyHash: Promise<string> | undefined;
export async function spendPasswordCheckTime(password: string): Promise<void> {
  decoyHash ??= hashPassword("decoy password that matches nothing");
  await bcrypt.compare(password, await decoyHash);
}

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) return `Use at most ${MAX_PASSWORD_BYTES} bytes (about ${MAX_PASSWORD_BYTES} plain characters).`;
  return null;
}
