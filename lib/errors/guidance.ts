import { describeSmartcarError, type SmartcarErrorCatalogEntry } from "@/lib/smartcar/error-catalog";

/**
 * What an open error means for the people who must act on it, derived from the one Smartcar error
 * catalogue plus what the error itself said (its resolution, its retry time). Pure: shared by the
 * error center, the owner pages, the CSV export and the connection-health rule.
 */

export interface ErrorFacts {
  type: string;
  code: string | null;
  resolutionType: string | null;
  resolutionUrl?: string | null;
  retryAt?: Date | null;
}

export type ErrorCategory = "reconnect" | "retry" | "billing" | "support" | "at_the_car" | "owner_account" | "action_link" | "other";

export interface ErrorGuidance {
  category: ErrorCategory;
  entry: SmartcarErrorCatalogEntry;
  /** One plain sentence saying who acts and how. */
  headline: string;
  managerAction: string;
  ownerAction: string | null;
  /** When Fleetdeck (or Smartcar) will try again by itself, when that is known. */
  nextAttemptAt: Date | null;
  /** A page the owner must visit (ACTION_REQUIRED, e.g. Tesla's virtual key). */
  actionUrl: string | null;
}

/** The owner has to go through Connect again: the error says so, or the catalogue does for its type/code. */
export function callsForReauthentication(error: Pick<ErrorFacts, "type" | "code" | "resolutionType">): boolean {
  return error.resolutionType === "REAUTHENTICATE" || describeSmartcarError(error.type, error.code).defaultResolution === "REAUTHENTICATE";
}

/** VEHICLE_STATE codes that only say the car did not answer; any later successful call proves it does. */
const REACHABILITY_CODES = new Set(["ASLEEP", "UNREACHABLE", "VEHICLE_OFFLINE_FOR_SERVICE", "UNKNOWN"]);

/**
 * Whether a later successful API call for the same vehicle shows the cause has cleared. Errors about a
 * particular feature (compatibility, permissions, billing, a door open for a command) do not clear just
 * because some other request worked.
 */
export function clearedByLaterSuccess(error: Pick<ErrorFacts, "type" | "code" | "resolutionType">): boolean {
  if (callsForReauthentication(error) && error.type !== "PERMISSION" && error.type !== "COMPATIBILITY") return true;
  switch (error.type) {
    case "CONNECTED_SERVICES_ACCOUNT":
      return error.code !== "VIRTUAL_KEY_REQUIRED" && error.code !== "PERMISSION";
    case "AUTHENTICATION":
    case "RATE_LIMIT":
    case "UPSTREAM":
    case "SERVER":
    case "NETWORK":
      return true;
    case "VEHICLE_STATE":
      return error.code !== null && REACHABILITY_CODES.has(error.code);
    default:
      return false;
  }
}

export function errorGuidance(error: ErrorFacts): ErrorGuidance {
  const entry = describeSmartcarError(error.type, error.code);
  const resolution = error.resolutionType ?? entry.defaultResolution;
  const base = { entry, managerAction: entry.managerAction, ownerAction: entry.ownerAction, nextAttemptAt: null, actionUrl: null };

  if (callsForReauthentication(error)) {
    return { ...base, category: "reconnect", headline: "The owner must reconnect the vehicle; send them a reconnect link." };
  }
  if (error.type === "BILLING" || resolution === "FINANCE") {
    const who = resolution === "FINANCE" ? "Smartcar's finance team" : "Smartcar support";
    return { ...base, category: "billing", headline: `Billing problem with the Smartcar plan: contact ${who}. Retrying will not help.` };
  }
  if (resolution === "CONTACT_SUPPORT") {
    return { ...base, category: "support", headline: "Contact Smartcar support; this will not fix itself." };
  }
  if (error.type === "VEHICLE_STATE") {
    const atTheCar = entry.ownerAction ?? entry.managerAction;
    return { ...base, category: "at_the_car", headline: `At the car: ${atTheCar}`, nextAttemptAt: entry.retryable ? (error.retryAt ?? null) : null };
  }
  if ((resolution === "ACTION_REQUIRED" || resolution === "USER_ACTION_REQUIRED") && error.resolutionUrl) {
    return { ...base, category: "action_link", headline: "The owner must complete a step on the car maker's site.", actionUrl: error.resolutionUrl };
  }
  if (resolution === "RETRY_LATER" || error.type === "RATE_LIMIT") {
    return { ...base, category: "retry", headline: "Temporary: retried automatically.", nextAttemptAt: error.retryAt ?? null };
  }
  if (entry.resolvedBy === "owner") {
    return { ...base, category: "owner_account", headline: entry.ownerAction ?? entry.managerAction };
  }
  return { ...base, category: "other", headline: entry.managerAction };
}

/**
 * When Fleetdeck may call for the vehicle again after an API error it recorded: Smartcar's
 * `retry-after` when it gave one, otherwise an exponential backoff on how often the error recurred
 * (1 min, 2, 4 … capped at 1 h). Null for errors that retrying does not fix.
 */
export function nextAttemptAfterApiError(
  input: { retryAfterSeconds: number | null; retryable: boolean; occurrences: number },
  now: Date,
): Date | null {
  if (input.retryAfterSeconds !== null) return new Date(now.getTime() + input.retryAfterSeconds * 1000);
  if (!input.retryable) return null;
  const minutes = Math.min(60, 2 ** Math.max(0, input.occurrences - 1));
  return new Date(now.getTime() + minutes * 60_000);
}
