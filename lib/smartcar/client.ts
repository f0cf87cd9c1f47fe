import "server-only";
import { z } from "zod";
import { getConfig, type SmartcarHosts } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { ApplicationTokenCache, databaseApplicationTokenCache, type IssuedApplicationToken } from "./app-token";
import {
  buildAuthorizeUrl,
  buildReauthenticateUrl,
  completeReauthenticateUrl,
  parseConnectRedirect,
  type AuthorizeUrlOptions,
  type ConnectRedirect,
} from "./connect";
import { SmartcarError } from "./errors";
import { SmartcarHttp, type SmartcarLogger, type SmartcarRequest, type SmartcarResponse } from "./http";
import { DEFAULT_BACKOFF, TokenBucket, VehiclePacer, type BackoffOptions } from "./limits";
import {
  applicationTokenResponseSchema,
  commandExecutionSchema,
  connectionsPageSchema,
  connectionV3Schema,
  managementConnectionsSchema,
  managementDeleteSchema,
  signalsPageSchema,
  singleSignalSchema,
  v2ActionResponseSchema,
  v2AttributesSchema,
  v2BatterySchema,
  v2ChargeSchema,
  v2LocationSchema,
  v2OdometerSchema,
  v2UserSchema,
  v2VehicleListSchema,
  vehicleTokenResponseSchema,
  vehicleV3Schema,
  type CommandExecution,
  type ConnectionV3,
  type ManagementConnection,
  type Page,
  type VehicleV3,
} from "./schemas";
import type { EncryptionKey } from "./token-crypto";
import type { NormalizedSignal } from "./types";
import { VehicleTokenStore, type VehicleTokenPair } from "./vehicle-tokens";

/**
 * The one Smartcar client. Every call Fleetdeck makes to Smartcar — live or the emulator, which only
 * differ by the configured hosts and secrets — goes through an instance of this class.
 * `getSmartcar()` is the process-wide instance built from configuration; tests construct their own.
 */

export interface SmartcarClientOptions {
  clientId: string;
  clientSecret: string;
  managementToken: string;
  redirectUri?: string;
  hosts: SmartcarHosts;
  scope?: readonly string[];
  country?: string;
  connectMode?: "live" | "simulated";
  rateLimit?: { burst: number; refillPerMinute: number };
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** Minimum spacing between two requests to the same vehicle. */
  vehicleMinIntervalMs?: number;
  /** Longest single wait (rate limit, retry-after, backoff) before giving up with the error. */
  maxRetryWaitMs?: number;
  backoff?: BackoffOptions;
  /** Needed for per-vehicle (v2) tokens and the shared application-token cache. */
  db?: Database;
  /** Which engine `db` runs on; decides how token rotation locks (default `pglite`: one process). */
  databaseKind?: "pglite" | "postgres";
  encryptionKeys?: readonly EncryptionKey[];
  /** Share the v3 application token with other instances through the database. */
  shareApplicationToken?: boolean;
  fetch?: typeof fetch;
  logger?: SmartcarLogger;
  random?: () => number;
  userAgent?: string;
}

/** A v3 call is made on behalf of one Smartcar user (`sc-user-id`) for one vehicle. */
export interface V3VehicleRef {
  userId: string;
  vehicleId: string;
}

/** A v2 call uses the connection's stored per-vehicle token, or a token in hand (right after a code exchange). */
export type V2VehicleRef = { vehicleId: string } & ({ connectionId: string } | { accessToken: string });

export interface V2Meta {
  requestId: string | null;
  dataAge: Date | null;
  fetchedAt: Date | null;
  unitSystem: string | null;
}

export interface V2Result<T> {
  data: T;
  meta: V2Meta;
}

export interface ConnectionFilters {
  userId?: string;
  vehicleId?: string;
  mode?: "live" | "simulated";
}

const REFRESH_TOKEN_LIFETIME_MS = 60 * 24 * 60 * 60_000;
const MAX_PAGES = 100;

function requireId(value: string, name: string): string {
  if (!value || value.trim() === "") throw new TypeError(`${name} is required`);
  return encodeURIComponent(value);
}

function headerDate(headers: Headers, name: string): Date | null {
  const value = headers.get(name);
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at);
}

const silentLogger: SmartcarLogger = { debug() {}, info() {}, warn() {} };

export class SmartcarClient {
  private readonly http: SmartcarHttp;
  private readonly appToken: ApplicationTokenCache;
  /** Present when the client was given a database and encryption keys. */
  readonly vehicleTokens: VehicleTokenStore | null;

  constructor(private readonly options: SmartcarClientOptions) {
    const logger = options.logger ?? silentLogger;
    const rateLimit = options.rateLimit ?? { burst: 120, refillPerMinute: 2 };
    this.http = new SmartcarHttp({
      hosts: options.hosts,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      logger,
      bucket: new TokenBucket(rateLimit.burst, rateLimit.refillPerMinute),
      pacer: new VehiclePacer(options.vehicleMinIntervalMs ?? 200),
      timeoutMs: options.requestTimeoutMs ?? 15_000,
      maxAttempts: options.maxAttempts ?? 4,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
      random: options.random ?? Math.random,
      userAgent: options.userAgent ?? "fleetdeck-smartcar-client",
    });
    const keys = options.encryptionKeys ?? [];
    const shared =
      options.shareApplicationToken && options.db && keys.length > 0 ? databaseApplicationTokenCache(options.db, keys, options.clientId) : null;
    this.appToken = new ApplicationTokenCache(() => this.requestApplicationToken(), shared);
    this.vehicleTokens =
      options.db && keys.length > 0
        ? new VehicleTokenStore({
            db: options.db,
            databaseKind: options.databaseKind ?? "pglite",
            keys,
            logger,
            refresh: (refreshToken) => this.refreshVehicleToken(refreshToken),
          })
        : null;
  }

  // ---- Connect (contract §1)

  authorizeUrl(options: Partial<Omit<AuthorizeUrlOptions, "connectHost" | "clientId">> = {}): string {
    const { country } = this.options;
    return buildAuthorizeUrl({
      connectHost: this.options.hosts.connect,
      clientId: this.options.clientId,
      redirectUri: this.options.redirectUri,
      scope: this.options.scope,
      mode: this.options.connectMode ?? "live",
      ...options,
      flags: { ...(country ? { country } : {}), ...options.flags },
    });
  }

  reauthenticateUrl(vehicleId: string, options: { state?: string; user?: string } = {}): string {
    return buildReauthenticateUrl({
      connectHost: this.options.hosts.connect,
      clientId: this.options.clientId,
      redirectUri: this.options.redirectUri,
      vehicleId,
      ...options,
    });
  }

  /** The re-authentication link for an error, built from its `resolution.url` when it has one. */
  reauthenticateUrlForError(error: SmartcarError, vehicleId: string, options: { state?: string; user?: string } = {}): string {
    const partial = error.resolution.url;
    if (partial && /\/oauth\/reauthenticate/.test(partial)) {
      return completeReauthenticateUrl(partial, { connectHost: this.options.hosts.connect, clientId: this.options.clientId, redirectUri: this.options.redirectUri, ...options });
    }
    return this.reauthenticateUrl(vehicleId, options);
  }

  parseConnectRedirect(input: URL | URLSearchParams | string): ConnectRedirect {
    return parseConnectRedirect(input);
  }

  // ---- tokens (contract §2)

  private async requestApplicationToken(): Promise<IssuedApplicationToken> {
    const { data } = await this.http.request({
      host: "iam",
      method: "POST",
      path: "/oauth2/token",
      body: { form: { grant_type: "client_credentials", client_id: this.options.clientId, client_secret: this.options.clientSecret } },
      rateLimited: false,
      schema: applicationTokenResponseSchema,
      operation: "v3.token",
    });
    const issuedAt = new Date();
    return { accessToken: data.access_token, issuedAt, expiresAt: new Date(issuedAt.getTime() + data.expires_in * 1000) };
  }

  /** The v3 application token, cached and shared by concurrent callers. */
  getApplicationToken(): Promise<string> {
    return this.appToken.get();
  }

  private basicClientAuthorization(): string {
    return `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString("base64")}`;
  }

  private async vehicleTokenRequest(form: Record<string, string>, operation: string): Promise<VehicleTokenPair> {
    const authorization = this.basicClientAuthorization();
    const { data } = await this.http.request({
      host: "auth",
      method: "POST",
      path: "/oauth/token",
      body: { form },
      authorization: async () => authorization,
      rateLimited: false,
      schema: vehicleTokenResponseSchema,
      operation,
    });
    const now = Date.now();
    return {
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      accessExpiresAt: new Date(now + data.expires_in * 1000),
      refreshExpiresAt: new Date(now + REFRESH_TOKEN_LIFETIME_MS),
    };
  }

  /** v2: exchanges the code from Connect's redirect for a per-vehicle token pair. */
  exchangeCode(code: string, redirectUri = this.options.redirectUri): Promise<VehicleTokenPair> {
    const form: Record<string, string> = { grant_type: "authorization_code", code };
    if (redirectUri) form.redirect_uri = redirectUri;
    return this.vehicleTokenRequest(form, "v2.token.exchange");
  }

  /** v2: one raw refresh. Use `vehicleTokens.rotate` for stored tokens, which never reuses a refresh token. */
  refreshVehicleToken(refreshToken: string): Promise<VehicleTokenPair> {
    return this.vehicleTokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken }, "v2.token.refresh");
  }

  private requireVehicleTokens(): VehicleTokenStore {
    if (!this.vehicleTokens) throw new Error("this Smartcar client has no database and encryption keys for per-vehicle tokens");
    return this.vehicleTokens;
  }

  // ---- v3 vehicle API (contract §3.2)

  /** A v3 call with the application token; `sc-user-id` whenever the call is made for a user. */
  private v3<T>(ref: { userId?: string; vehicleId?: string }, request: Omit<SmartcarRequest<T>, "host" | "authorization" | "onUnauthorized" | "rateLimited">): Promise<SmartcarResponse<T>> {
    let usedToken: string | null = null;
    return this.http.request({
      ...request,
      host: "vehicleApi",
      path: `/v3${request.path}`,
      headers: ref.userId ? { ...request.headers, "sc-user-id": ref.userId } : request.headers,
      vehicleId: ref.vehicleId,
      rateLimited: true,
      authorization: async () => {
        usedToken = await this.appToken.get();
        return `Bearer ${usedToken}`;
      },
      onUnauthorized: async () => {
        await this.appToken.invalidate(usedToken);
        return true;
      },
    });
  }

  private checkUser(userId: string): void {
    if (!userId || userId.trim() === "") throw new TypeError("userId (sc-user-id) is required for v3 calls");
  }

  async getVehicle(ref: V3VehicleRef): Promise<VehicleV3> {
    this.checkUser(ref.userId);
    const path = `/vehicles/${requireId(ref.vehicleId, "vehicleId")}`;
    return (await this.v3(ref, { method: "GET", path, schema: vehicleV3Schema, operation: "v3.vehicle" })).data;
  }

  /** One page of signals; `pageSize` is left to Smartcar's default unless given. */
  async getSignalsPage(ref: V3VehicleRef, page?: number, pageSize?: number): Promise<Page<NormalizedSignal>> {
    this.checkUser(ref.userId);
    const path = `/vehicles/${requireId(ref.vehicleId, "vehicleId")}/signals`;
    return (await this.v3(ref, { method: "GET", path, query: { page, pageSize }, schema: signalsPageSchema, operation: "v3.signals" })).data;
  }

  /** Every signal of the vehicle, following all pages; unknown signal codes are kept. */
  async listSignals(ref: V3VehicleRef, pageSize?: number): Promise<NormalizedSignal[]> {
    const signals: NormalizedSignal[] = [];
    let page = await this.getSignalsPage(ref, undefined, pageSize);
    for (let count = 1; ; count += 1) {
      signals.push(...page.items);
      const current = page.page ?? count;
      const more =
        page.items.length > 0 &&
        count < MAX_PAGES &&
        (page.totalCount !== null && page.pageSize !== null ? current * page.pageSize < page.totalCount : page.next !== null);
      if (!more) return signals;
      page = await this.getSignalsPage(ref, current + 1, pageSize);
    }
  }

  async getSignal(ref: V3VehicleRef, code: string): Promise<NormalizedSignal> {
    this.checkUser(ref.userId);
    const path = `/vehicles/${requireId(ref.vehicleId, "vehicleId")}/signals/${requireId(code, "code")}`;
    return (await this.v3(ref, { method: "GET", path, schema: singleSignalSchema, operation: "v3.signal" })).data;
  }

  /** One page of connections; with `userId` it is sent as `sc-user-id` too. */
  async listConnectionsPage(filters: ConnectionFilters = {}, page?: number, pageSize?: number): Promise<Page<ConnectionV3>> {
    const query = {
      "filter[user_id]": filters.userId,
      "filter[vehicle_id]": filters.vehicleId,
      "filter[mode]": filters.mode,
      page,
      pageSize,
    };
    return (await this.v3({ userId: filters.userId }, { method: "GET", path: "/connections", query, schema: connectionsPageSchema, operation: "v3.connections" })).data;
  }

  async listConnections(filters: ConnectionFilters = {}, pageSize = 50): Promise<ConnectionV3[]> {
    const connections: ConnectionV3[] = [];
    for (let number = 1; number <= MAX_PAGES; number += 1) {
      const page = await this.listConnectionsPage(filters, number, pageSize);
      connections.push(...page.items);
      const more =
        page.items.length > 0 &&
        (page.totalCount !== null ? connections.length < page.totalCount : page.next !== null || page.items.length === pageSize);
      if (!more) break;
    }
    return connections;
  }

  async getConnection(userId: string, connectionId: string): Promise<ConnectionV3> {
    this.checkUser(userId);
    const path = `/connections/${requireId(connectionId, "connectionId")}`;
    return (await this.v3({ userId }, { method: "GET", path, schema: connectionV3Schema, operation: "v3.connection" })).data;
  }

  /** Removes one connection. The path is unconfirmed in Smartcar's docs (contract §3.2); the emulator uses it. */
  async deleteConnection(connectionId: string): Promise<void> {
    const path = `/connections/${requireId(connectionId, "connectionId")}`;
    await this.v3({}, { method: "DELETE", path, schema: z.unknown(), operation: "v3.connection.delete" });
  }

  /** Removes a Smartcar user with all their connections and data. */
  async removeUser(userId: string): Promise<void> {
    this.checkUser(userId);
    const path = `/users/${requireId(userId, "userId")}`;
    await this.v3({ userId }, { method: "DELETE", path, schema: z.unknown(), operation: "v3.user.delete" });
  }

  private async v3Command(ref: V3VehicleRef, command: string, body?: unknown): Promise<CommandExecution> {
    this.checkUser(ref.userId);
    const path = `/vehicles/${requireId(ref.vehicleId, "vehicleId")}/commands/${command}`;
    const request = { method: "POST" as const, path, schema: commandExecutionSchema, operation: `v3.command.${command.replace("/", ".")}` };
    return (await this.v3(ref, body === undefined ? request : { ...request, body: { json: body } })).data;
  }

  lock(ref: V3VehicleRef): Promise<CommandExecution> {
    return this.v3Command(ref, "security/lock");
  }

  unlock(ref: V3VehicleRef): Promise<CommandExecution> {
    return this.v3Command(ref, "security/unlock");
  }

  startCharge(ref: V3VehicleRef): Promise<CommandExecution> {
    return this.v3Command(ref, "charge/start");
  }

  stopCharge(ref: V3VehicleRef): Promise<CommandExecution> {
    return this.v3Command(ref, "charge/stop");
  }

  /** `percent` is 50–100 on most vehicles; Smartcar validates it. */
  setChargeLimit(ref: V3VehicleRef, percent: number): Promise<CommandExecution> {
    if (!Number.isFinite(percent) || percent <= 0 || percent > 100) throw new RangeError("percent must be in (0, 100]");
    return this.v3Command(ref, "charge/set-limit", { data: { attributes: { percent } } });
  }

  // ---- v2 vehicle API (contract §3.4), per-vehicle tokens

  private async v2<T>(ref: V2VehicleRef, method: "GET" | "POST", subPath: string, schema: z.ZodType<T>, operation: string, body?: unknown): Promise<V2Result<T>> {
    const path = `/v2.0/vehicles/${requireId(ref.vehicleId, "vehicleId")}${subPath}`;
    let version: number | undefined;
    let authorization: () => Promise<string>;
    let onUnauthorized: ((refused: string | null) => Promise<boolean>) | undefined;
    if ("connectionId" in ref) {
      const store = this.requireVehicleTokens();
      authorization = async () => {
        const access = await store.getAccess(ref.connectionId);
        version = access.version;
        return `Bearer ${access.accessToken}`;
      };
      onUnauthorized = async () => {
        // Rotates only if nobody else did since the refused token was read.
        await store.rotate(ref.connectionId, version);
        return true;
      };
    } else {
      authorization = async () => `Bearer ${ref.accessToken}`;
    }
    const response = await this.http.request({
      host: "api",
      method,
      path,
      body: body === undefined ? undefined : { json: body },
      headers: { "sc-unit-system": "metric" },
      vehicleId: ref.vehicleId,
      rateLimited: true,
      authorization,
      onUnauthorized,
      schema,
      operation,
    });
    return {
      data: response.data,
      meta: {
        requestId: response.requestId,
        dataAge: headerDate(response.headers, "sc-data-age"),
        fetchedAt: headerDate(response.headers, "sc-fetched-at"),
        unitSystem: response.headers.get("sc-unit-system"),
      },
    };
  }

  readonly v2Api = {
    lock: (ref: V2VehicleRef) => this.v2(ref, "POST", "/security", v2ActionResponseSchema, "v2.security.lock", { action: "LOCK" }),
    unlock: (ref: V2VehicleRef) => this.v2(ref, "POST", "/security", v2ActionResponseSchema, "v2.security.unlock", { action: "UNLOCK" }),
    startCharge: (ref: V2VehicleRef) => this.v2(ref, "POST", "/charge", v2ActionResponseSchema, "v2.charge.start", { action: "START" }),
    stopCharge: (ref: V2VehicleRef) => this.v2(ref, "POST", "/charge", v2ActionResponseSchema, "v2.charge.stop", { action: "STOP" }),
    /** v2 takes the limit as a fraction in a string, as the official SDK sends it (`"0.8"`). */
    setChargeLimit: (ref: V2VehicleRef, percent: number) =>
      this.v2(ref, "POST", "/charge/limit", v2ActionResponseSchema, "v2.charge.limit", { limit: String(percent / 100) }),
    attributes: (ref: V2VehicleRef) => this.v2(ref, "GET", "", v2AttributesSchema, "v2.attributes"),
    odometer: (ref: V2VehicleRef) => this.v2(ref, "GET", "/odometer", v2OdometerSchema, "v2.odometer"),
    battery: (ref: V2VehicleRef) => this.v2(ref, "GET", "/battery", v2BatterySchema, "v2.battery"),
    charge: (ref: V2VehicleRef) => this.v2(ref, "GET", "/charge", v2ChargeSchema, "v2.charge"),
    location: (ref: V2VehicleRef) => this.v2(ref, "GET", "/location", v2LocationSchema, "v2.location"),
    /** The Smartcar user id behind a per-vehicle token (after a code exchange). */
    user: async (accessToken: string) =>
      (
        await this.http.request({
          host: "api",
          method: "GET",
          path: "/v2.0/user",
          authorization: async () => `Bearer ${accessToken}`,
          rateLimited: true,
          schema: v2UserSchema,
          operation: "v2.user",
        })
      ).data.id,
    /** Vehicle ids a per-vehicle token covers (after a code exchange). */
    vehicles: async (accessToken: string) => {
      const ids: string[] = [];
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const { data } = await this.http.request({
          host: "api",
          method: "GET",
          path: "/v2.0/vehicles",
          query: { limit: 50, offset: ids.length },
          authorization: async () => `Bearer ${accessToken}`,
          rateLimited: true,
          schema: v2VehicleListSchema,
          operation: "v2.vehicles",
        });
        ids.push(...data.vehicles);
        const total = data.paging?.count;
        if (data.vehicles.length === 0 || total === undefined || ids.length >= total) break;
      }
      return ids;
    },
  };

  // ---- management v2 (contract §6)

  private managementAuthorization(): string {
    return `Basic ${Buffer.from(`default:${this.options.managementToken}`).toString("base64")}`;
  }

  async listManagementConnectionsPage(
    filters: ConnectionFilters & { limit?: number; cursor?: string } = {},
  ): Promise<{ connections: ManagementConnection[]; cursor: string | null }> {
    const authorization = this.managementAuthorization();
    const { data } = await this.http.request({
      host: "management",
      method: "GET",
      path: "/v2.0/management/connections",
      query: { user_id: filters.userId, vehicle_id: filters.vehicleId, mode: filters.mode, limit: filters.limit, cursor: filters.cursor },
      authorization: async () => authorization,
      rateLimited: false,
      schema: managementConnectionsSchema,
      operation: "management.connections.list",
    });
    return data;
  }

  async listManagementConnections(filters: ConnectionFilters = {}): Promise<ManagementConnection[]> {
    const all: ManagementConnection[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const result = await this.listManagementConnectionsPage({ ...filters, limit: 100, cursor });
      all.push(...result.connections);
      if (!result.cursor || result.connections.length === 0 || result.cursor === cursor) break;
      cursor = result.cursor;
    }
    return all;
  }

  /** Deletes the connections of a vehicle, of a user, or of that vehicle for that user. */
  async deleteManagementConnections(filters: { userId?: string; vehicleId?: string }): Promise<{ userId: string; vehicleId: string }[]> {
    if (!filters.userId && !filters.vehicleId) throw new TypeError("deleting connections needs a userId, a vehicleId or both");
    const authorization = this.managementAuthorization();
    const { data } = await this.http.request({
      host: "management",
      method: "DELETE",
      path: "/v2.0/management/connections",
      query: { user_id: filters.userId, vehicle_id: filters.vehicleId },
      authorization: async () => authorization,
      rateLimited: false,
      schema: managementDeleteSchema,
      operation: "management.connections.delete",
    });
    return data.connections;
  }
}

export function smartcarOptionsFromConfig(extra: Partial<SmartcarClientOptions> = {}): SmartcarClientOptions {
  const config = getConfig();
  const smartcar = config.smartcar;
  return {
    clientId: smartcar.clientId,
    clientSecret: smartcar.clientSecret,
    managementToken: smartcar.managementToken,
    redirectUri: smartcar.redirectUri,
    hosts: smartcar.hosts,
    scope: smartcar.scope,
    country: smartcar.country,
    connectMode: smartcar.connectMode,
    rateLimit: smartcar.rateLimit,
    requestTimeoutMs: smartcar.requestTimeoutMs,
    maxAttempts: smartcar.maxAttempts,
    encryptionKeys: config.encryptionKeys,
    userAgent: `fleetdeck/${config.version}`,
    ...extra,
  };
}
