import { and, eq, isNull } from "drizzle-orm";
import type { SimulatorContext } from "./context";
import { simAuthCodes, simTokens } from "./db/schema";
import { OAuthError, basicCredentials, json, readForm } from "./http";
import {
  ACCESS_TOKEN_SECONDS,
  APPLICATION_TOKEN_SECONDS,
  REFRESH_REUSE_GRACE_MS,
  REFRESH_TOKEN_SECONDS,
  findToken,
  issueToken,
  markTokenUsed,
} from "./tokens";

/** Token endpoints: iam `/oauth2/token` (client credentials) and auth `/oauth/token` (v2 code + refresh). */

function checkClient(ctx: SimulatorContext, clientId: string | null | undefined, clientSecret: string | null | undefined): void {
  if (!clientId || !clientSecret) throw new OAuthError(400, "invalid_request", "Missing client_id or client_secret.");
  if (clientId !== ctx.options.clientId || clientSecret !== ctx.options.clientSecret) {
    throw new OAuthError(401, "invalid_client", "Invalid client credentials.");
  }
}

export async function applicationTokenEndpoint(ctx: SimulatorContext, request: Request): Promise<Response> {
  if (request.method !== "POST") throw new OAuthError(405, "invalid_request", "Use POST.");
  const form = await readForm(request);
  const grantType = form.get("grant_type");
  if (!grantType) throw new OAuthError(400, "invalid_request", "Missing grant_type.");
  if (grantType !== "client_credentials") throw new OAuthError(400, "unsupported_grant_type", `Unsupported grant_type ${grantType}.`);
  const basic = basicCredentials(request.headers.get("authorization"));
  checkClient(ctx, form.get("client_id") ?? basic?.user, form.get("client_secret") ?? basic?.password);
  const token = await issueToken(ctx, "application", APPLICATION_TOKEN_SECONDS);
  return json({ access_token: token, token_type: "Bearer", expires_in: APPLICATION_TOKEN_SECONDS }, 200, { "cache-control": "no-store" });
}

async function issueVehicleTokens(ctx: SimulatorContext, grant: { userId: string; vehicleIds: string[]; permissions: string[] }): Promise<Response> {
  const accessToken = await issueToken(ctx, "access", ACCESS_TOKEN_SECONDS, grant);
  const refreshToken = await issueToken(ctx, "refresh", REFRESH_TOKEN_SECONDS, grant);
  return json(
    { access_token: accessToken, token_type: "Bearer", expires_in: ACCESS_TOKEN_SECONDS, refresh_token: refreshToken },
    200,
    { "cache-control": "no-store" },
  );
}

export async function vehicleTokenEndpoint(ctx: SimulatorContext, request: Request): Promise<Response> {
  if (request.method !== "POST") throw new OAuthError(405, "invalid_request", "Use POST.");
  const form = await readForm(request);
  const basic = basicCredentials(request.headers.get("authorization"));
  checkClient(ctx, basic?.user ?? form.get("client_id"), basic?.password ?? form.get("client_secret"));
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code") {
    const code = form.get("code");
    const redirectUri = form.get("redirect_uri");
    if (!code) throw new OAuthError(400, "invalid_request", "Missing code.");
    const [row] = await ctx.db.select().from(simAuthCodes).where(eq(simAuthCodes.code, code));
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) {
      throw new OAuthError(400, "invalid_grant", "Invalid or expired authorization code.");
    }
    if (redirectUri !== row.redirectUri) throw new OAuthError(400, "invalid_grant", "redirect_uri does not match the one used in Connect.");
    const claimed = await ctx.db
      .update(simAuthCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(simAuthCodes.code, code), isNull(simAuthCodes.usedAt)))
      .returning({ code: simAuthCodes.code });
    if (claimed.length === 0) throw new OAuthError(400, "invalid_grant", "Invalid or expired authorization code.");
    return issueVehicleTokens(ctx, { userId: row.userId, vehicleIds: row.vehicleIds, permissions: row.permissions });
  }
  if (grantType === "refresh_token") {
    const token = form.get("refresh_token");
    if (!token) throw new OAuthError(400, "invalid_request", "Missing refresh_token.");
    const row = await findToken(ctx, token);
    const reusedTooLate = row?.usedAt && Date.now() - row.usedAt.getTime() > REFRESH_REUSE_GRACE_MS;
    if (!row || row.kind !== "refresh" || row.expiresAt.getTime() <= Date.now() || reusedTooLate) {
      throw new OAuthError(400, "invalid_grant", "Invalid, expired or already used refresh token.");
    }
    await markTokenUsed(ctx, row);
    return issueVehicleTokens(ctx, { userId: row.userId!, vehicleIds: row.vehicleIds ?? [], permissions: row.permissions ?? [] });
  }
  if (!grantType) throw new OAuthError(400, "invalid_request", "Missing grant_type.");
  throw new OAuthError(400, "unsupported_grant_type", `Unsupported grant_type ${grantType}.`);
}

/** Invalidates per-vehicle tokens of a user (used when all their connections go). */
export async function revokeUserTokens(ctx: SimulatorContext, userId: string): Promise<void> {
  await ctx.db.delete(simTokens).where(eq(simTokens.userId, userId));
}
