import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { hmacHex } from "@/lib/smartcar/webhook-crypto";
import type { SimulatorContext } from "./context";
import { simAuthCodes, simConnections, simInjectedErrors, simUsers, simVehicles } from "./db/schema";
import { ERROR_CATALOG, isKnownError } from "./errors";
import { enqueueFirstDelivery, enqueueVehicleError } from "./events";
import { ALL_PERMISSIONS, brandName, findOrCreateOemAccount } from "./seed";
import { getVehicle, injectedErrorFor, listVehicles, simulatedNow, type SimVehicle } from "./store";

/**
 * Smartcar Connect (contract §1): validating the authorize/reauthenticate query, test logins (§4.4,
 * §8), the grant decision and the redirect back. The pages in app/sim/connect are a thin UI on this.
 */

export const KNOWN_PERMISSIONS = ALL_PERMISSIONS;
const CODE_LIFETIME_MS = 10 * 60_000;
const SESSION_LIFETIME_MS = 30 * 60_000;

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  permissions: string[];
  required: string[];
  state: string | null;
  make: string | null;
  mode: "live" | "simulated";
  singleSelect: boolean;
}

export type ParsedAuthorize =
  | { kind: "ok"; request: AuthorizeRequest }
  /** Shown in Connect itself: the redirect URI cannot be trusted, so nothing is redirected. */
  | { kind: "invalid"; message: string }
  | { kind: "redirect"; url: string };

export function errorRedirect(redirectUri: string, state: string | null, error: string, description: string, extra: Record<string, string> = {}): string {
  const url = new URL(redirectUri);
  url.searchParams.set("error", error);
  url.searchParams.set("error_description", description);
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  if (state !== null) url.searchParams.set("state", state);
  return url.toString();
}

function validateClient(ctx: SimulatorContext, params: URLSearchParams): { redirectUri: string } | { message: string } {
  if (params.get("client_id") !== ctx.options.clientId) return { message: "Unknown client_id: this application is not registered with Smartcar." };
  const redirectUri = params.get("redirect_uri") ?? ctx.options.redirectUris[0]!;
  if (!ctx.options.redirectUris.includes(redirectUri)) return { message: "The redirect_uri is not registered for this application." };
  return { redirectUri };
}

export function parseAuthorize(ctx: SimulatorContext, params: URLSearchParams): ParsedAuthorize {
  const client = validateClient(ctx, params);
  if ("message" in client) return { kind: "invalid", message: client.message };
  const state = params.get("state");
  const fail = (description: string) => ({
    kind: "redirect" as const,
    url: errorRedirect(client.redirectUri, state, "configuration_error", "There has been an error in the configuration of your application.", {
      status_code: "400",
      error_message: description,
    }),
  });
  if (params.get("response_type") !== "code") return fail("response_type must be code.");
  const scopeItems = (params.get("scope") ?? "read_vehicle_info").split(/[\s+]+/).filter(Boolean);
  const permissions: string[] = [];
  const required: string[] = [];
  for (const item of scopeItems) {
    const name = item.replace(/^required:/, "");
    if (!KNOWN_PERMISSIONS.includes(name)) return fail(`Unknown permission ${name}.`);
    if (!permissions.includes(name)) permissions.push(name);
    if (item.startsWith("required:")) required.push(name);
  }
  const modeParam = params.get("mode") ?? "live";
  if (!["live", "simulated", "test"].includes(modeParam)) return fail("mode must be live or simulated.");
  const make = params.get("make");
  if (make && !brandName(make)) return fail(`Unsupported make ${make}.`);
  return {
    kind: "ok",
    request: {
      clientId: ctx.options.clientId,
      redirectUri: client.redirectUri,
      permissions,
      required,
      state,
      make: make ? brandName(make)! : null,
      mode: modeParam === "live" ? "live" : "simulated",
      singleSelect: params.get("single_select") === "true",
    },
  };
}

/** A login that Connect remembers between steps, signed so the browser cannot forge another user's. */
export function signSession(ctx: SimulatorContext, userId: string, vehicleIds: string[] | null = null): string {
  const payload = Buffer.from(JSON.stringify({ userId, vehicleIds, expiresAt: Date.now() + SESSION_LIFETIME_MS })).toString("base64url");
  return `${payload}.${hmacHex(ctx.options.managementToken, `connect-session.${payload}`)}`;
}

export function readSession(ctx: SimulatorContext, session: string | null | undefined): { userId: string } | undefined {
  if (!session) return undefined;
  const [payload, signature] = session.split(".");
  if (!payload || signature !== hmacHex(ctx.options.managementToken, `connect-session.${payload}`)) return undefined;
  const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { userId: string; expiresAt: number };
  return data.expiresAt > Date.now() ? { userId: data.userId } : undefined;
}

export type LoginOutcome = { kind: "session"; session: string } | { kind: "redirect"; url: string } | { kind: "invalid"; message: string };

const SPECIAL_EMAILS: Record<string, [string, string]> = {
  "smartcar@invalid-subscription.com": ["invalid_subscription", "User does not have an active connected vehicle subscription."],
  "smartcar@vehicle-incompatible.com": ["vehicle_incompatible", "The user’s vehicle is not compatible."],
  "smartcar@no-vehicles.com": ["no_vehicles", "No vehicles found. Please add vehicles to your account and try again."],
  "smartcar@server-error.com": ["server_error", "Unexpected server error. Please try again."],
};

export async function logIn(ctx: SimulatorContext, request: AuthorizeRequest, make: string, rawEmail: string): Promise<LoginOutcome> {
  const email = rawEmail.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return { kind: "invalid", message: "Enter the email address of your connected-services account." };
  const special = SPECIAL_EMAILS[email];
  if (special) {
    const extra: Record<string, string> = special[0] === "vehicle_incompatible" ? { make: make.toUpperCase() } : {};
    return { kind: "redirect", url: errorRedirect(request.redirectUri, request.state, special[0], special[1], extra) };
  }
  const count = /^(\d{1,3})-vehicles@/.exec(email);
  if (count && Number(count[1]) === 0) {
    return { kind: "redirect", url: errorRedirect(request.redirectUri, request.state, "no_vehicles", SPECIAL_EMAILS["smartcar@no-vehicles.com"]![1]) };
  }
  const errorEmail = /^([a-z_]+)\.([a-z_]+)@smartcar\.com$/.exec(email);
  const injected = errorEmail && isKnownError(errorEmail[1]!.toUpperCase(), errorEmail[2]!.toUpperCase())
    ? { type: errorEmail[1]!.toUpperCase(), code: errorEmail[2]!.toUpperCase() }
    : undefined;
  const userId = await findOrCreateOemAccount(ctx, email, make, count ? Number(count[1]) : 1);
  if (injected) {
    for (const vehicle of await ctx.db.select({ id: simVehicles.id }).from(simVehicles).where(eq(simVehicles.ownerId, userId))) {
      await ctx.db
        .insert(simInjectedErrors)
        .values({ scope: "vehicle", target: vehicle.id, ...injected })
        .onConflictDoUpdate({ target: [simInjectedErrors.scope, simInjectedErrors.target], set: injected });
    }
  }
  return { kind: "session", session: signSession(ctx, userId) };
}

export async function accountVehicles(ctx: SimulatorContext, userId: string): Promise<SimVehicle[]> {
  const rows = await ctx.db.select({ id: simVehicles.id }).from(simVehicles).where(eq(simVehicles.ownerId, userId));
  return (await listVehicles(ctx, rows.map((row) => row.id))).sort((a, b) => a.nickname.localeCompare(b.nickname, undefined, { numeric: true }));
}

export async function accountEmail(ctx: SimulatorContext, userId: string): Promise<string | undefined> {
  const [row] = await ctx.db.select({ email: simUsers.email }).from(simUsers).where(eq(simUsers.id, userId));
  return row?.email;
}

/** Allow: connect the chosen cars and redirect with code + user_id + state. Deny: access_denied. */
export async function decide(
  ctx: SimulatorContext,
  request: AuthorizeRequest,
  userId: string,
  allow: boolean,
  chosenVehicleIds: string[],
  grantedPermissions: string[],
): Promise<string> {
  if (!allow) return errorRedirect(request.redirectUri, request.state, "access_denied", "User denied access to application.");
  const owned = (await accountVehicles(ctx, userId)).filter((vehicle) => chosenVehicleIds.includes(vehicle.id));
  const vehicles = request.singleSelect ? owned.slice(0, 1) : owned;
  const permissions = request.permissions.filter((permission) => request.required.includes(permission) || grantedPermissions.includes(permission));
  if (vehicles.length === 0 || permissions.length === 0) {
    return errorRedirect(request.redirectUri, request.state, "configuration_error", "There has been an error in the configuration of your application.", {
      status_code: "400",
      error_message: vehicles.length === 0 ? "No vehicle was selected." : "At least one permission must stay selected.",
    });
  }
  const now = await simulatedNow(ctx);
  const existing = await ctx.db
    .select()
    .from(simConnections)
    .where(and(eq(simConnections.userId, userId), inArray(simConnections.vehicleId, vehicles.map((vehicle) => vehicle.id))));
  for (const vehicle of vehicles) {
    const connection = existing.find((row) => row.vehicleId === vehicle.id);
    if (connection) {
      await ctx.db.update(simConnections).set({ permissions, mode: request.mode, updatedAt: new Date() }).where(eq(simConnections.id, connection.id));
    } else {
      await ctx.db.insert(simConnections).values({ id: randomUUID(), userId, vehicleId: vehicle.id, permissions, mode: request.mode });
      await enqueueFirstDelivery(ctx, vehicle, [{ userId, mode: request.mode }], now);
    }
  }
  const code = randomBytes(18).toString("base64url");
  await ctx.db.insert(simAuthCodes).values({
    code,
    userId,
    vehicleIds: vehicles.map((vehicle) => vehicle.id),
    permissions,
    redirectUri: request.redirectUri,
    expiresAt: new Date(Date.now() + CODE_LIFETIME_MS),
  });
  const url = new URL(request.redirectUri);
  url.searchParams.set("code", code);
  url.searchParams.set("user_id", userId);
  if (request.state !== null) url.searchParams.set("state", request.state);
  return url.toString();
}

export interface ReauthRequest {
  redirectUri: string;
  state: string | null;
  vehicle: SimVehicle;
}

export async function parseReauthenticate(ctx: SimulatorContext, params: URLSearchParams): Promise<{ kind: "ok"; request: ReauthRequest } | { kind: "invalid"; message: string } | { kind: "redirect"; url: string }> {
  const client = validateClient(ctx, params);
  if ("message" in client) return { kind: "invalid", message: client.message };
  const state = params.get("state");
  if (params.get("response_type") !== "vehicle_id") {
    return {
      kind: "redirect",
      url: errorRedirect(client.redirectUri, state, "configuration_error", "There has been an error in the configuration of your application.", {
        status_code: "400",
        error_message: "response_type must be vehicle_id.",
      }),
    };
  }
  const vehicle = await getVehicle(ctx, params.get("vehicle_id") ?? "");
  if (!vehicle) return { kind: "redirect", url: errorRedirect(client.redirectUri, state, "server_error", "Unexpected server error. Please try again.") };
  return { kind: "ok", request: { redirectUri: client.redirectUri, state, vehicle } };
}

const needsReauthentication = (type: string, code: string | null) => ERROR_CATALOG[code ? `${type}:${code}` : type]?.resolution === "REAUTHENTICATE";

/**
 * Re-login for one car: clears errors that re-authentication resolves (also a make-wide OEM migration,
 * for this car only), restores the connection, and redirects with vehicle_id + state.
 */
export async function reauthenticate(ctx: SimulatorContext, request: ReauthRequest, rawEmail: string): Promise<LoginOutcome> {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(rawEmail.trim())) return { kind: "invalid", message: "Enter the email address of your connected-services account." };
  const vehicle = request.vehicle;
  const active = await injectedErrorFor(ctx, vehicle);
  if (active && needsReauthentication(active.type, active.code)) {
    await ctx.db.delete(simInjectedErrors).where(and(eq(simInjectedErrors.scope, "vehicle"), eq(simInjectedErrors.target, vehicle.id)));
    const makeWide = await injectedErrorFor(ctx, vehicle);
    if (makeWide && needsReauthentication(makeWide.type, makeWide.code)) {
      await ctx.db.insert(simInjectedErrors).values({ scope: "reauthenticated", target: vehicle.id, ...makeWide }).onConflictDoNothing();
    }
  }
  const [connection] = await ctx.db.select().from(simConnections).where(eq(simConnections.vehicleId, vehicle.id));
  if (!connection) {
    await ctx.db.insert(simConnections).values({ id: randomUUID(), userId: vehicle.ownerId, vehicleId: vehicle.id, permissions: ALL_PERMISSIONS, mode: "simulated" });
    await enqueueFirstDelivery(ctx, vehicle, [{ userId: vehicle.ownerId, mode: "simulated" }], await simulatedNow(ctx));
  } else if (active) {
    await enqueueVehicleError(ctx, vehicle, active, "RESOLVED");
  }
  const url = new URL(request.redirectUri);
  url.searchParams.set("vehicle_id", vehicle.id);
  if (request.state !== null) url.searchParams.set("state", request.state);
  return { kind: "redirect", url: url.toString() };
}
