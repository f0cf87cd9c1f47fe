import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { SimulatorContext } from "./context";
import { simTokens } from "./db/schema";

/** Opaque bearer tokens; only their SHA-256 is stored. Lifetimes per contract §2. */

export const APPLICATION_TOKEN_SECONDS = 3600;
export const ACCESS_TOKEN_SECONDS = 7200;
export const REFRESH_TOKEN_SECONDS = 60 * 24 * 3600;
/** A rotated refresh token still works this long after its first use (contract §2.1). */
export const REFRESH_REUSE_GRACE_MS = 60_000;

export type TokenRow = typeof simTokens.$inferSelect;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function issueToken(
  ctx: SimulatorContext,
  kind: TokenRow["kind"],
  seconds: number,
  grant: { userId?: string; vehicleIds?: string[]; permissions?: string[] } = {},
): Promise<string> {
  const token = `${kind === "application" ? "sc_app" : kind === "access" ? "sc_at" : "sc_rt"}_${randomBytes(24).toString("base64url")}`;
  await ctx.db.insert(simTokens).values({
    tokenHash: hashToken(token),
    kind,
    userId: grant.userId ?? null,
    vehicleIds: grant.vehicleIds ?? null,
    permissions: grant.permissions ?? null,
    expiresAt: new Date(Date.now() + seconds * 1000),
  });
  return token;
}

export async function findToken(ctx: SimulatorContext, token: string): Promise<TokenRow | undefined> {
  const [row] = await ctx.db.select().from(simTokens).where(eq(simTokens.tokenHash, hashToken(token)));
  return row;
}

export async function markTokenUsed(ctx: SimulatorContext, row: TokenRow): Promise<void> {
  if (row.usedAt) return;
  await ctx.db.update(simTokens).set({ usedAt: new Date() }).where(eq(simTokens.tokenHash, row.tokenHash));
}

/** Valid bearer token of one of `kinds`, or undefined. */
export async function resolveBearer(ctx: SimulatorContext, authorization: string | null, kinds: TokenRow["kind"][]): Promise<TokenRow | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return undefined;
  const row = await findToken(ctx, match[1]!);
  if (!row || !kinds.includes(row.kind) || row.expiresAt.getTime() <= Date.now()) return undefined;
  return row;
}
