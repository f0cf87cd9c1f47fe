/**
 * The one catalogue of Smartcar errors (contract §4.2, §1.4): for every documented type/code, what it
 * means in plain words, what the fleet manager and the vehicle owner can do about it, and the default
 * resolution when a body leaves it out. The error center, the owner pages and the logs all read it.
 * Pure data and lookups: safe to import from client components.
 */

export type ResolutionType =
  | "RETRY_LATER"
  | "REAUTHENTICATE"
  | "CONTACT_SUPPORT"
  | "FINANCE"
  | "ACTION_REQUIRED"
  | "USER_ACTION_REQUIRED";

/** Who can make the error go away. */
export type ErrorOwner = "owner" | "manager" | "smartcar" | "nobody";

export interface SmartcarErrorCatalogEntry {
  type: string;
  /** `null` for the type-level entry (errors whose code is null, and the fallback for unknown codes). */
  code: string | null;
  statusCode: number;
  title: string;
  meaning: string;
  managerAction: string;
  /** What to tell the vehicle owner, or null when there is nothing for them to do. */
  ownerAction: string | null;
  defaultResolution: ResolutionType | null;
  resolvedBy: ErrorOwner;
  /** Worth repeating the same request later without anyone changing anything. */
  retryable: boolean;
}

type Entry = Omit<SmartcarErrorCatalogEntry, "type" | "statusCode">;

function group(type: string, statusCode: number, entries: Entry[]): SmartcarErrorCatalogEntry[] {
  return entries.map((entry) => ({ type, statusCode, ...entry }));
}

const RECONNECT = "Ask the owner to reconnect the vehicle (send a reconnect link).";
const RECONNECT_OWNER = "Reconnect your car with the link we sent you; it takes about a minute.";

export const SMARTCAR_ERROR_CATALOG: readonly SmartcarErrorCatalogEntry[] = [
  ...group("AUTHENTICATION", 401, [
    {
      code: null,
      title: "Smartcar rejected Fleetdeck's credentials",
      meaning: "The authorization header was missing, malformed, or carried an expired or invalid token, client id or secret.",
      managerAction: "Check the Smartcar client id and secret in the configuration; if they are right, the token is refreshed automatically on the next request.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
  ]),
  ...group("BILLING", 430, [
    {
      code: null,
      title: "Smartcar plan limit",
      meaning: "A limit of the Smartcar plan was reached or the feature is not part of it.",
      managerAction: "Review the plan in the Smartcar Dashboard or contact Smartcar support.",
      ownerAction: null,
      defaultResolution: "CONTACT_SUPPORT",
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "INVALID_PLAN",
      title: "Feature not in the Smartcar plan",
      meaning: "The feature used is not included in the application's current Smartcar pricing plan.",
      managerAction: "Upgrade the Smartcar plan or stop using this feature; contact Smartcar if you believe it is included.",
      ownerAction: null,
      defaultResolution: "CONTACT_SUPPORT",
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "VEHICLE_LIMIT",
      title: "Too many connected vehicles for the plan",
      meaning: "The plan's limit of connected vehicles is reached; additional vehicles cannot be used until the next billing period or an upgrade.",
      managerAction: "Disconnect unused vehicles or contact Smartcar to raise the vehicle limit.",
      ownerAction: null,
      defaultResolution: "CONTACT_SUPPORT",
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "VEHICLE_REQUEST_LIMIT",
      title: "Monthly request quota for this vehicle used up",
      meaning: "This vehicle has used all API requests allowed in the current billing period.",
      managerAction: "Rely on webhooks instead of polling for this vehicle, or contact Smartcar to raise the quota; requests work again next billing period.",
      ownerAction: null,
      defaultResolution: "CONTACT_SUPPORT",
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "ACCOUNT_SUSPENDED",
      title: "Smartcar account suspended",
      meaning: "The Smartcar account is past due and suspended; no request will succeed until invoices are paid.",
      managerAction: "Contact Smartcar's finance team to settle past-due invoices.",
      ownerAction: null,
      defaultResolution: "FINANCE",
      resolvedBy: "manager",
      retryable: false,
    },
  ]),
  ...group("COMPATIBILITY", 501, [
    {
      code: null,
      title: "Not supported for this vehicle",
      meaning: "Smartcar or the vehicle does not support this request.",
      managerAction: "Stop requesting this feature for this vehicle.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "nobody",
      retryable: false,
    },
    {
      code: "MAKE_NOT_COMPATIBLE",
      title: "Brand not supported in this country",
      meaning: "Smartcar is not yet compatible with this vehicle's make in the selected country.",
      managerAction: "Check the country setting; otherwise this vehicle cannot be used through Smartcar.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "nobody",
      retryable: false,
    },
    {
      code: "SMARTCAR_NOT_CAPABLE",
      title: "Smartcar cannot do this for the brand",
      meaning: "Smartcar does not support this feature for the vehicle's make yet.",
      managerAction: "Hide or skip this feature for this vehicle.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "nobody",
      retryable: false,
    },
    {
      code: "VEHICLE_NOT_CAPABLE",
      title: "The vehicle cannot do this",
      meaning: "The vehicle itself is not capable of this request (e.g. a fuel level on an electric car).",
      managerAction: "Hide or skip this feature for this vehicle.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "nobody",
      retryable: false,
    },
    {
      code: "PLATFORM_NOT_CAPABLE",
      title: "Connection needs an upgrade",
      meaning: "The vehicle was connected through a brand platform that does not support this request; reconnecting moves it to one that does.",
      managerAction: RECONNECT,
      ownerAction: RECONNECT_OWNER,
      defaultResolution: "REAUTHENTICATE",
      resolvedBy: "owner",
      retryable: false,
    },
  ]),
  ...group("CONNECTED_SERVICES_ACCOUNT", 400, [
    {
      code: null,
      title: "Problem with the owner's car-maker account",
      meaning: "Something in the owner's connected-services account (the car maker's app) blocks the request.",
      managerAction: "Ask the owner to check their car maker's app.",
      ownerAction: "Open your car maker's app or website and check for messages or pending steps.",
      defaultResolution: null,
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "ACCOUNT_ISSUE",
      title: "Action needed in the car-maker account",
      meaning: "The owner must log in to their car maker's app and finish an outstanding step (accept terms, finish activation). In the simulator: no simulation is running.",
      managerAction: "Ask the owner to log in to their car maker's app and complete any pending tasks.",
      ownerAction: "Log in to your car maker's app or website and complete any outstanding task (e.g. accept the Terms of Service or finish activating your account).",
      defaultResolution: null,
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "AUTHENTICATION_FAILED",
      title: "Car disconnected: login changed",
      meaning: "Smartcar can no longer log in to the owner's car-maker account, usually because the owner changed their password.",
      managerAction: RECONNECT,
      ownerAction: RECONNECT_OWNER,
      defaultResolution: "REAUTHENTICATE",
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "NO_VEHICLES",
      title: "No vehicles in the car-maker account",
      meaning: "The owner's car-maker account has no vehicles, or none with connected services activated.",
      managerAction: "Ask the owner to add the vehicle to their car maker's account, activate connected services, then reconnect.",
      ownerAction: "Add your car to your car maker's app and activate its connected services, then reconnect it.",
      defaultResolution: null,
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "PERMISSION",
      title: "Owner revoked access in the car-maker account",
      meaning: "The owner revoked Smartcar's access through the car maker's management portal.",
      managerAction: RECONNECT,
      ownerAction: RECONNECT_OWNER,
      defaultResolution: "REAUTHENTICATE",
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "SUBSCRIPTION",
      title: "Connected-services subscription inactive",
      meaning: "The vehicle's connected-services subscription has expired or does not include this feature.",
      managerAction: "Ask the owner to renew or upgrade the connected-services subscription with the car maker.",
      ownerAction: "Your car's connected-services subscription has expired or doesn't include this feature. Renew or upgrade it with your car maker.",
      defaultResolution: null,
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "VEHICLE_MISSING",
      title: "Vehicle removed from the car-maker account",
      meaning: "The vehicle is no longer in the owner's car-maker account. In the simulator: the simulated vehicle was not found.",
      managerAction: "Ask the owner to re-add the vehicle to their car maker's account, or disconnect it from Fleetdeck.",
      ownerAction: "This car is no longer in your car maker's account. Log in and add it again.",
      defaultResolution: null,
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "VIRTUAL_KEY_REQUIRED",
      title: "Virtual key needed for commands",
      meaning: "The owner must add Smartcar's third-party virtual key to the vehicle (Tesla) before commands work.",
      managerAction: "Send the owner the virtual-key link from the error's resolution.",
      ownerAction: "Open the link on the phone that has your Tesla app to add the Smartcar virtual key to your car.",
      defaultResolution: "ACTION_REQUIRED",
      resolvedBy: "owner",
      retryable: false,
    },
  ]),
  ...group("PERMISSION", 403, [
    {
      code: null,
      title: "Permission not granted",
      meaning: "The connection lacks the permission this request needs, or the vehicle is no longer connected.",
      managerAction: "Ask the owner to reconnect and grant the missing permission.",
      ownerAction: "Reconnect your car and allow the requested permissions.",
      defaultResolution: "REAUTHENTICATE",
      resolvedBy: "owner",
      retryable: false,
    },
  ]),
  ...group("RATE_LIMIT", 429, [
    {
      code: null,
      title: "Too many requests",
      meaning: "A request limit was hit; the request was not executed.",
      managerAction: "Nothing: Fleetdeck waits and retries automatically.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "SMARTCAR_API",
      title: "Application request limit reached",
      meaning: "The application's request budget at Smartcar is used up for now (default 120 requests, refilled 2 per minute).",
      managerAction: "Nothing immediately: requests resume as the budget refills. Reduce polling if it happens often.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "VEHICLE",
      title: "Too many requests to this vehicle",
      meaning: "The car maker throttles requests to this vehicle; Smartcar says how long to wait (retry-after).",
      managerAction: "Nothing: Fleetdeck waits the requested time before trying again.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
  ]),
  ...group("RESOURCE_NOT_FOUND", 404, [
    {
      code: null,
      title: "Not found",
      meaning: "The requested resource does not exist.",
      managerAction: "Check that the vehicle is still connected; report a bug if it is.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "PATH",
      title: "Unknown API path",
      meaning: "Smartcar does not know the requested path — a Fleetdeck bug or an endpoint not available for this vehicle.",
      managerAction: "Report it as a Fleetdeck bug with the request id.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "VERSION",
      title: "Unknown API version",
      meaning: "The requested Smartcar API version does not exist.",
      managerAction: "Report it as a Fleetdeck bug with the request id.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
  ]),
  ...group("SERVER", 500, [
    {
      code: null,
      title: "Smartcar server error",
      meaning: "Smartcar had an internal problem.",
      managerAction: "Nothing immediately; if it persists, contact Smartcar support with the request id.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "smartcar",
      retryable: true,
    },
    {
      code: "INTERNAL",
      title: "Smartcar server error",
      meaning: "Smartcar had an unexpected internal error; retrying usually works.",
      managerAction: "Nothing: Fleetdeck retries. If it persists, contact Smartcar support with the request id.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "smartcar",
      retryable: true,
    },
    {
      code: "MULTIPLE_RECORDS_FOUND",
      title: "Smartcar found conflicting records",
      meaning: "Smartcar found several records where it expected one; it needs Smartcar support to fix.",
      managerAction: "Contact Smartcar support with the request id.",
      ownerAction: null,
      defaultResolution: "CONTACT_SUPPORT",
      resolvedBy: "smartcar",
      retryable: false,
    },
    {
      code: "RECORD_NOT_FOUND",
      title: "Smartcar record missing",
      meaning: "Smartcar could not find a record it needs; it needs Smartcar support to fix.",
      managerAction: "Contact Smartcar support with the request id.",
      ownerAction: null,
      defaultResolution: "CONTACT_SUPPORT",
      resolvedBy: "smartcar",
      retryable: false,
    },
  ]),
  ...group("UPSTREAM", 502, [
    {
      code: null,
      title: "Car maker's service failed",
      meaning: "The car maker's service did not answer properly.",
      managerAction: "Nothing: Fleetdeck retries later.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "INVALID_DATA",
      title: "Car maker sent invalid data",
      meaning: "The car maker's service returned data Smartcar could not use.",
      managerAction: "Nothing: Fleetdeck retries later.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "KNOWN_ISSUE",
      title: "Known outage at the car maker",
      meaning: "The car maker's service has a known issue Smartcar is tracking.",
      managerAction: "Nothing: wait for the car maker to recover; Fleetdeck retries later.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "NO_RESPONSE",
      title: "Car maker did not respond",
      meaning: "The car maker's service or the vehicle did not respond in time.",
      managerAction: "Nothing: Fleetdeck retries later.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "RATE_LIMIT",
      title: "Car maker's rate limit",
      meaning: "The car maker's own request limit was reached.",
      managerAction: "Nothing: Fleetdeck retries later. Reduce polling if it happens often.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "UNKNOWN_ISSUE",
      title: "Unknown problem at the car maker",
      meaning: "The car maker's service failed for an unknown reason.",
      managerAction: "Nothing: Fleetdeck retries later.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
  ]),
  ...group("VALIDATION", 400, [
    {
      code: null,
      title: "Invalid request",
      meaning: "Smartcar rejected the request as invalid.",
      managerAction: "Report it as a Fleetdeck bug with the request id.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "PARAMETER",
      title: "Invalid parameter",
      meaning: "A parameter of the request is missing or has an invalid value.",
      managerAction: "Check the value you entered (e.g. a charge limit); otherwise report a Fleetdeck bug with the request id.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
  ]),
  ...group("VEHICLE_STATE", 409, [
    {
      code: null,
      title: "The vehicle cannot do this right now",
      meaning: "The vehicle's current state prevents the request.",
      managerAction: "Try again later.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "nobody",
      retryable: false,
    },
    vehicleState("ASLEEP", "Vehicle asleep", "The vehicle is asleep to save its battery and did not wake up.", "Try again later, or ask the driver to open the car maker's app to wake it.", true),
    vehicleState("CHARGING_IN_PROGRESS", "Already charging", "The vehicle is already charging, so a start-charge request does nothing.", "Nothing to do.", false),
    vehicleState("CHARGING_PLUG_NOT_CONNECTED", "Charger not plugged in", "Charging cannot start because the charging cable is not connected.", "Ask the driver to plug the vehicle in.", false, "Plug in the charging cable, then try again."),
    vehicleState("DOOR_OPEN", "A door is open", "The request needs all doors closed.", "Ask the driver to close all doors.", false, "Close all doors, then try again."),
    vehicleState("FULLY_CHARGED", "Already fully charged", "The battery is at its charge limit, so charging cannot start.", "Nothing to do, or raise the charge limit.", false),
    vehicleState("NOT_CHARGING", "Not charging", "A stop-charge request was sent but the vehicle is not charging.", "Nothing to do.", false),
    vehicleState("CHARGE_FAULT", "Charging fault", "The vehicle reports a fault with charging.", "Ask the driver to check the charger and the car's charging messages.", false, "Check the charger and your car's charging messages."),
    vehicleState("HOOD_OPEN", "Hood open", "The request needs the hood closed.", "Ask the driver to close the hood.", false, "Close the hood, then try again."),
    vehicleState("IGNITION_ON", "Ignition on", "The request cannot run while the ignition is on.", "Try again when the vehicle is parked and switched off.", true),
    vehicleState("IN_MOTION", "Vehicle moving", "The request cannot run while the vehicle is moving.", "Try again when the vehicle is parked.", true),
    vehicleState("REMOTE_ACCESS_DISABLED", "Remote access disabled", "Remote access is turned off in the vehicle or the car maker's app.", "Ask the owner to enable remote access.", false, "Turn on remote access in your car's settings or your car maker's app."),
    vehicleState("TRUNK_OPEN", "Trunk open", "The request needs the trunk closed.", "Ask the driver to close the trunk.", false, "Close the trunk, then try again."),
    vehicleState("UNKNOWN", "Unknown vehicle state", "The vehicle is in a state that prevents the request, but the car maker did not say which.", "Try again later.", true),
    vehicleState("UNREACHABLE", "Vehicle unreachable", "The vehicle has no network connection (parked underground, out of coverage).", "Try again when the vehicle is back in coverage.", true),
    vehicleState("VEHICLE_OFFLINE_FOR_SERVICE", "Vehicle offline for service", "The vehicle is offline while being serviced.", "Try again after the service visit.", true),
  ]),
  ...group("NETWORK", 0, [
    {
      code: null,
      title: "Smartcar unreachable",
      meaning: "Fleetdeck could not reach Smartcar (network error). Raised by Fleetdeck, not by Smartcar.",
      managerAction: "Check the server's network connection; Fleetdeck retries automatically.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
    {
      code: "TIMEOUT",
      title: "Smartcar did not answer in time",
      meaning: "Smartcar did not answer within the configured request timeout. Raised by Fleetdeck, not by Smartcar.",
      managerAction: "Nothing: Fleetdeck retries. Raise SMARTCAR_REQUEST_TIMEOUT_MS if it happens often.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: true,
    },
  ]),
  ...group("CLIENT", 0, [
    {
      code: null,
      title: "Fleetdeck could not complete the request",
      meaning: "Fleetdeck stopped the request before or after talking to Smartcar.",
      managerAction: "Report it as a Fleetdeck bug with the details from the log.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "INVALID_RESPONSE",
      title: "Unexpected answer from Smartcar",
      meaning: "Smartcar answered with a body Fleetdeck does not understand.",
      managerAction: "Report it as a Fleetdeck bug with the request id.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "RATE_LIMITED",
      title: "Fleetdeck's own request budget used up",
      meaning: "Fleetdeck held the request back because it would exceed the application's Smartcar request limit.",
      managerAction: "Nothing immediately; reduce polling if it happens often.",
      ownerAction: null,
      defaultResolution: "RETRY_LATER",
      resolvedBy: "nobody",
      retryable: false,
    },
    {
      code: "NO_TOKEN",
      title: "No stored token for this connection",
      meaning: "A legacy (v2) request was made for a connection that has no stored per-vehicle token.",
      managerAction: RECONNECT,
      ownerAction: RECONNECT_OWNER,
      defaultResolution: "REAUTHENTICATE",
      resolvedBy: "owner",
      retryable: false,
    },
  ]),
  ...group("OAUTH", 400, [
    {
      code: null,
      title: "Token request refused",
      meaning: "Smartcar's token endpoint refused the request.",
      managerAction: "Check the Smartcar client id, secret and redirect URI in the configuration.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "invalid_grant",
      title: "Authorization expired",
      meaning: "The authorization code or refresh token is invalid, expired or already used; the vehicle must be connected again.",
      managerAction: RECONNECT,
      ownerAction: RECONNECT_OWNER,
      defaultResolution: "REAUTHENTICATE",
      resolvedBy: "owner",
      retryable: false,
    },
    {
      code: "invalid_client",
      title: "Client credentials rejected",
      meaning: "Smartcar rejected the client id or secret.",
      managerAction: "Check SMARTCAR_CLIENT_ID and SMARTCAR_CLIENT_SECRET; create a new secret in the Dashboard if needed.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
    {
      code: "invalid_request",
      title: "Malformed token request",
      meaning: "The token request was missing a parameter or malformed.",
      managerAction: "Report it as a Fleetdeck bug.",
      ownerAction: null,
      defaultResolution: null,
      resolvedBy: "manager",
      retryable: false,
    },
  ]),
];

function vehicleState(code: string, title: string, meaning: string, managerAction: string, retryable: boolean, ownerAction: string | null = null): Entry {
  return { code, title, meaning, managerAction, ownerAction, defaultResolution: retryable ? "RETRY_LATER" : null, resolvedBy: ownerAction ? "owner" : "nobody", retryable };
}

const UNKNOWN_ENTRY: Omit<SmartcarErrorCatalogEntry, "type" | "code" | "statusCode"> = {
  title: "Unexpected Smartcar error",
  meaning: "Smartcar returned an error Fleetdeck does not know.",
  managerAction: "Look at the description and the request id; contact Smartcar support if it persists.",
  ownerAction: null,
  defaultResolution: null,
  resolvedBy: "manager",
  retryable: false,
};

const byKey = new Map(SMARTCAR_ERROR_CATALOG.map((entry) => [`${entry.type}:${entry.code ?? ""}`, entry]));

/** The entry for a type/code; falls back to the type's entry, then to a generic one, so it never fails. */
export function describeSmartcarError(type: string, code: string | null | undefined, statusCode = 0): SmartcarErrorCatalogEntry {
  return (
    byKey.get(`${type}:${code ?? ""}`) ??
    byKey.get(`${type}:`) ?? { type, code: code ?? null, statusCode, ...UNKNOWN_ENTRY }
  );
}

/** Errors Connect reports on the redirect back to Fleetdeck (contract §1.4). */
export interface ConnectErrorCatalogEntry {
  error: string;
  title: string;
  meaning: string;
  managerAction: string;
  ownerAction: string;
}

export const CONNECT_ERROR_CATALOG: readonly ConnectErrorCatalogEntry[] = [
  {
    error: "access_denied",
    title: "Access denied",
    meaning: "The owner declined to give Fleetdeck access on the permission screen.",
    managerAction: "Ask the owner whether they meant to decline; send a new connect link if not.",
    ownerAction: "You chose not to share your car. If that was a mistake, start again and select Allow.",
  },
  {
    error: "invalid_subscription",
    title: "Connected-services subscription inactive",
    meaning: "The car is compatible but its connected-services subscription is inactive or was never activated.",
    managerAction: "Ask the owner to activate the car maker's connected services, then connect again.",
    ownerAction: "Activate your car's connected services with your car maker, then connect again.",
  },
  {
    error: "configuration_error",
    title: "Connect configuration problem",
    meaning: "The owner hit an error page in Connect (e.g. a test VIN in live mode, a VIN that does not match, skipped steps) and returned.",
    managerAction: "Check the Smartcar mode and Connect settings; the status code and message tell what went wrong.",
    ownerAction: "Something went wrong on our side. Please try again later.",
  },
  {
    error: "no_vehicles",
    title: "No vehicles in the account",
    meaning: "The owner's car-maker account has no vehicles.",
    managerAction: "Ask the owner to add the car to their car maker's account first.",
    ownerAction: "Add your car to your car maker's app, then connect again.",
  },
  {
    error: "vehicle_incompatible",
    title: "Vehicle not compatible",
    meaning: "The owner's vehicle or brand is not supported by Smartcar.",
    managerAction: "This vehicle cannot be connected through Smartcar.",
    ownerAction: "Unfortunately your car isn't supported yet.",
  },
  {
    error: "server_error",
    title: "Connect failed",
    meaning: "Connect failed unexpectedly.",
    managerAction: "Ask the owner to try again; contact Smartcar if it persists.",
    ownerAction: "Something went wrong. Please try again.",
  },
];

export function describeConnectError(error: string): ConnectErrorCatalogEntry {
  return (
    CONNECT_ERROR_CATALOG.find((entry) => entry.error === error) ?? {
      error,
      title: "Connect failed",
      meaning: `Connect returned an unknown error "${error}".`,
      managerAction: "Ask the owner to try again.",
      ownerAction: "Something went wrong. Please try again.",
    }
  );
}
