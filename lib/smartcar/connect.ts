/**
 * Smartcar Connect front-channel (contract §1): building the authorize and re-authenticate URLs the
 * owner's browser opens, and reading the redirect Connect sends back. Pure functions, no secrets.
 */

export interface ConnectUrlBase {
  /** e.g. https://connect.smartcar.com, or the emulator's /sim/connect */
  connectHost: string;
  clientId: string;
  redirectUri?: string;
}

export interface AuthorizeUrlOptions extends ConnectUrlBase {
  /** Permissions; prefix with `required:` to lock the checkbox on the grant screen. */
  scope?: readonly string[];
  state?: string;
  /** `force` always shows the grant screen. */
  approvalPrompt?: "auto" | "force";
  mode?: "live" | "simulated" | "test";
  /** Skip the brand selector, e.g. `TESLA`. */
  make?: string;
  /** `true` lets the owner pick exactly one vehicle; a VIN pre-selects it (and implies `true`). */
  singleSelect?: boolean | { vin: string };
  /** Connect flags, e.g. `{ country: "DE" }` → `flags=country:DE`. */
  flags?: Record<string, string | boolean>;
  /** Your own identifier for the owner, for Connect analytics only. */
  user?: string;
}

/** Spaces as `%20`, like the official SDK, never `+` (which not every Connect version decodes as a space). */
function withQuery(base: string, path: string, params: [string, string | undefined][]): string {
  const query = params
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  return `${base.replace(/\/+$/, "")}${path}?${query}`;
}

export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  const flags = Object.entries(options.flags ?? {});
  const singleSelect = options.singleSelect;
  return withQuery(options.connectHost, "/oauth/authorize", [
    ["response_type", "code"],
    ["client_id", options.clientId],
    ["redirect_uri", options.redirectUri],
    ["scope", options.scope?.join(" ")],
    ["state", options.state],
    ["approval_prompt", options.approvalPrompt ?? "auto"],
    ["mode", options.mode ?? "live"],
    ["make", options.make],
    ["single_select", typeof singleSelect === "object" ? "true" : singleSelect === undefined ? undefined : String(singleSelect)],
    ["single_select_vin", typeof singleSelect === "object" ? singleSelect.vin : undefined],
    ["flags", flags.length > 0 ? flags.map(([key, value]) => `${key}:${value}`).join(" ") : undefined],
    ["user", options.user],
  ]);
}

export interface ReauthenticateUrlOptions extends ConnectUrlBase {
  vehicleId: string;
  state?: string;
  user?: string;
}

export function buildReauthenticateUrl(options: ReauthenticateUrlOptions): string {
  return withQuery(options.connectHost, "/oauth/reauthenticate", [
    ["response_type", "vehicle_id"],
    ["client_id", options.clientId],
    ["vehicle_id", options.vehicleId],
    ["redirect_uri", options.redirectUri],
    ["state", options.state],
    ["user", options.user],
  ]);
}

/**
 * Completes the partial re-authentication URL an AUTHENTICATION_FAILED error carries in
 * `resolution.url` (only `response_type`, `client_id`, `vehicle_id`), keeping everything it already
 * has (e.g. Tesla's `make`/`scope`) and adding our redirect URI and state. The host is replaced by
 * the configured Connect host so the emulator and live behave the same.
 */
export function completeReauthenticateUrl(partialUrl: string, options: ConnectUrlBase & { state?: string; user?: string }): string {
  const partial = new URL(partialUrl);
  const params = new Map<string, string>(partial.searchParams);
  if (!params.has("response_type")) params.set("response_type", "vehicle_id");
  if (!params.has("client_id")) params.set("client_id", options.clientId);
  if (options.redirectUri) params.set("redirect_uri", options.redirectUri);
  if (options.state) params.set("state", options.state);
  if (options.user) params.set("user", options.user);
  // Only the Connect path survives: the host (and any emulator prefix) comes from configuration.
  const oauthAt = partial.pathname.indexOf("/oauth/");
  return withQuery(options.connectHost, oauthAt >= 0 ? partial.pathname.slice(oauthAt) : "/oauth/reauthenticate", [...params]);
}

export type ConnectRedirect =
  | { kind: "authorized"; code: string | null; userId: string | null; state: string | null }
  | { kind: "reauthenticated"; vehicleId: string; state: string | null }
  | {
      kind: "error";
      error: string;
      description: string | null;
      state: string | null;
      /** Only on `configuration_error`. */
      statusCode: number | null;
      errorMessage: string | null;
      /** Only on incompatible-vehicle errors. */
      vehicle: { vin: string | null; make: string | null; model: string | null; year: number | null } | null;
    }
  | { kind: "invalid"; reason: string; state: string | null };

/**
 * Reads Connect's redirect query. `user_id` is the documented spelling; `userId` appears in the
 * migration guide (contract §1.3 CONFLICT), so both are accepted. Whether `code` still accompanies
 * `user_id` is unconfirmed, so either alone is a success.
 */
export function parseConnectRedirect(input: URL | URLSearchParams | string): ConnectRedirect {
  const params =
    input instanceof URLSearchParams ? input : input instanceof URL ? input.searchParams : new URL(input, "http://localhost").searchParams;
  const value = (name: string): string | null => {
    const raw = params.get(name);
    return raw === null || raw === "" ? null : raw;
  };
  const state = value("state");
  const error = value("error");
  if (error) {
    const vin = value("vin");
    const make = value("make");
    const model = value("model");
    const yearText = value("year");
    const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
    const statusText = value("status_code");
    return {
      kind: "error",
      error,
      description: value("error_description"),
      state,
      statusCode: statusText && /^\d{3}$/.test(statusText) ? Number(statusText) : null,
      errorMessage: value("error_message"),
      vehicle: vin || make || model || year ? { vin, make, model, year } : null,
    };
  }
  const code = value("code");
  const userId = value("user_id") ?? value("userId");
  if (code || userId) return { kind: "authorized", code, userId, state };
  const vehicleId = value("vehicle_id");
  if (vehicleId) return { kind: "reauthenticated", vehicleId, state };
  return { kind: "invalid", reason: "the redirect carries neither a code, a user id, a vehicle id nor an error", state };
}
