import { randomUUID } from "node:crypto";

/**
 * The Smartcar error catalogue as the emulator emits it (contract §4): v2-style bodies everywhere,
 * with the documented status per type and the documented resolution per code.
 */

export type ResolutionType = "RETRY_LATER" | "REAUTHENTICATE" | "CONTACT_SUPPORT" | "FINANCE" | "ACTION_REQUIRED" | null;

interface ErrorDefinition {
  description: string;
  resolution: ResolutionType;
  suggestedUserMessage: string;
}

const TYPE_STATUS: Record<string, number> = {
  AUTHENTICATION: 401,
  BILLING: 430,
  COMPATIBILITY: 501,
  CONNECTED_SERVICES_ACCOUNT: 400,
  PERMISSION: 403,
  RATE_LIMIT: 429,
  RESOURCE_NOT_FOUND: 404,
  SERVER: 500,
  UPSTREAM: 502,
  VALIDATION: 400,
  VEHICLE_STATE: 409,
};

const define = (description: string, resolution: ResolutionType, suggestedUserMessage: string): ErrorDefinition => ({
  description,
  resolution,
  suggestedUserMessage,
});

/** Keyed by `TYPE` for code-less errors and `TYPE:CODE` otherwise. */
export const ERROR_CATALOG: Record<string, ErrorDefinition> = {
  AUTHENTICATION: define("The authorization header is missing or malformed, or it contains invalid or expired authentication credentials.", null, "Please reconnect your vehicle to the application."),
  "BILLING:INVALID_PLAN": define("The feature you are trying to use is not included in your current plan.", "CONTACT_SUPPORT", "Your application's plan does not include this feature."),
  "BILLING:VEHICLE_LIMIT": define("You have reached the number of vehicles allowed by your plan.", "CONTACT_SUPPORT", "The application has reached its vehicle limit."),
  "BILLING:VEHICLE_REQUEST_LIMIT": define("You have reached the monthly request limit for this vehicle.", "CONTACT_SUPPORT", "This vehicle has reached its monthly request limit."),
  "BILLING:ACCOUNT_SUSPENDED": define("Your Smartcar account has been suspended.", "FINANCE", "The application's account is suspended."),
  "COMPATIBILITY:MAKE_NOT_COMPATIBLE": define("Smartcar does not support this make for the requested feature.", null, "Your vehicle's brand does not support this feature."),
  "COMPATIBILITY:SMARTCAR_NOT_CAPABLE": define("Smartcar does not yet support this feature for this vehicle.", null, "This feature is not yet available for your vehicle."),
  "COMPATIBILITY:VEHICLE_NOT_CAPABLE": define("The vehicle is not capable of performing the request.", null, "Your vehicle is not capable of this feature."),
  "COMPATIBILITY:PLATFORM_NOT_CAPABLE": define("The vehicle's platform does not support the request with the current connection.", "REAUTHENTICATE", "Please reconnect your vehicle to enable this feature."),
  "CONNECTED_SERVICES_ACCOUNT:ACCOUNT_ISSUE": define("There is an issue with the owner's connected services account.", null, "Please log into your connected services app and resolve any pending actions."),
  "CONNECTED_SERVICES_ACCOUNT:AUTHENTICATION_FAILED": define("Smartcar was unable to authenticate with the owner's connected services account; the owner must re-authenticate.", "REAUTHENTICATE", "Please reconnect your vehicle: your connected services login has changed."),
  "CONNECTED_SERVICES_ACCOUNT:NO_VEHICLES": define("No vehicles were found on the owner's connected services account.", null, "Please add your vehicle to your connected services account."),
  "CONNECTED_SERVICES_ACCOUNT:PERMISSION": define("The owner's connected services account lacks the permission needed for this request.", "REAUTHENTICATE", "Please reconnect your vehicle and grant the requested permissions."),
  "CONNECTED_SERVICES_ACCOUNT:SUBSCRIPTION": define("The vehicle's connected services subscription is inactive or expired.", null, "Please renew your vehicle's connected services subscription."),
  "CONNECTED_SERVICES_ACCOUNT:VEHICLE_MISSING": define("The vehicle is no longer on the owner's connected services account.", null, "Please add your vehicle back to your connected services account."),
  "CONNECTED_SERVICES_ACCOUNT:VIRTUAL_KEY_REQUIRED": define("The vehicle requires a virtual key to be paired before this request.", "ACTION_REQUIRED", "Please add the Smartcar virtual key to your vehicle."),
  PERMISSION: define("Your application does not have permission to access the requested resource.", "REAUTHENTICATE", "Please reconnect your vehicle and grant the requested permissions."),
  "RATE_LIMIT:SMARTCAR_API": define("You have exceeded the rate limit of your application.", "RETRY_LATER", "Please try again in a few minutes."),
  "RATE_LIMIT:VEHICLE": define("You have exceeded the rate limit for this vehicle; see the retry-after header.", "RETRY_LATER", "Please try again later."),
  "RESOURCE_NOT_FOUND:PATH": define("The requested resource does not exist. Please check the URL and try again.", null, "Something went wrong. Please try again."),
  "RESOURCE_NOT_FOUND:VERSION": define("The requested API version does not exist.", null, "Something went wrong. Please try again."),
  "SERVER:INTERNAL": define("An internal Smartcar error has occurred.", "RETRY_LATER", "Something went wrong. Please try again later."),
  "SERVER:MULTIPLE_RECORDS_FOUND": define("Multiple records were found where one was expected.", "CONTACT_SUPPORT", "Something went wrong. Please contact support."),
  "SERVER:RECORD_NOT_FOUND": define("A required record was not found.", "CONTACT_SUPPORT", "Something went wrong. Please contact support."),
  "UPSTREAM:INVALID_DATA": define("The vehicle manufacturer returned invalid data.", "RETRY_LATER", "Your vehicle's manufacturer returned unexpected data. Please try again later."),
  "UPSTREAM:KNOWN_ISSUE": define("The vehicle manufacturer is experiencing a known issue.", "RETRY_LATER", "Your vehicle's manufacturer is having issues. Please try again later."),
  "UPSTREAM:NO_RESPONSE": define("The vehicle manufacturer did not respond.", "RETRY_LATER", "Your vehicle's manufacturer did not respond. Please try again later."),
  "UPSTREAM:RATE_LIMIT": define("The vehicle manufacturer's rate limit was reached.", "RETRY_LATER", "Please try again later."),
  "UPSTREAM:UNKNOWN_ISSUE": define("An unknown issue occurred with the vehicle manufacturer.", "RETRY_LATER", "Your vehicle's manufacturer had an issue. Please try again later."),
  VALIDATION: define("The request is invalid.", null, "Something went wrong. Please try again."),
  "VALIDATION:PARAMETER": define("A request parameter is missing or invalid.", null, "Something went wrong. Please try again."),
  "VEHICLE_STATE:ASLEEP": define("The vehicle is asleep and did not wake up in time.", "RETRY_LATER", "Your vehicle is asleep. Please try again later."),
  "VEHICLE_STATE:CHARGING_IN_PROGRESS": define("The vehicle is already charging.", null, "Your vehicle is already charging."),
  "VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED": define("The charging plug is not connected.", null, "Please plug in your vehicle and try again."),
  "VEHICLE_STATE:DOOR_OPEN": define("A door is open.", null, "Please close all doors and try again."),
  "VEHICLE_STATE:FULLY_CHARGED": define("The vehicle is fully charged.", null, "Your vehicle is already fully charged."),
  "VEHICLE_STATE:NOT_CHARGING": define("The vehicle is not charging.", null, "Your vehicle is not charging."),
  "VEHICLE_STATE:CHARGE_FAULT": define("The vehicle reported a charging fault.", null, "Your vehicle reported a charging fault."),
  "VEHICLE_STATE:HOOD_OPEN": define("The hood is open.", null, "Please close the hood and try again."),
  "VEHICLE_STATE:IGNITION_ON": define("The ignition is on.", null, "Please turn the vehicle off and try again."),
  "VEHICLE_STATE:IN_MOTION": define("The vehicle is in motion.", "RETRY_LATER", "Your vehicle is moving. Please try again when it is parked."),
  "VEHICLE_STATE:REMOTE_ACCESS_DISABLED": define("Remote access is disabled on the vehicle.", null, "Please enable remote access in your vehicle's settings."),
  "VEHICLE_STATE:TRUNK_OPEN": define("The trunk is open.", null, "Please close the trunk and try again."),
  "VEHICLE_STATE:UNKNOWN": define("The vehicle is in an unknown state.", "RETRY_LATER", "Something went wrong with your vehicle. Please try again later."),
  "VEHICLE_STATE:UNREACHABLE": define("The vehicle could not be reached.", "RETRY_LATER", "Your vehicle is unreachable. Please check its connectivity."),
  "VEHICLE_STATE:VEHICLE_OFFLINE_FOR_SERVICE": define("The vehicle is offline for service.", null, "Your vehicle is offline for service."),
};

export function errorKey(type: string, code: string | null): string {
  return code ? `${type}:${code}` : type;
}

export function isKnownError(type: string, code: string | null): boolean {
  return errorKey(type, code) in ERROR_CATALOG;
}

export interface SmartcarErrorBody {
  type: string;
  code: string | null;
  description: string;
  docURL: string;
  statusCode: number;
  requestId: string;
  resolution: { type: ResolutionType; url?: string };
  suggestedUserMessage: string;
}

/** A documented Smartcar error, thrown by any handler and rendered by the router. */
export class SimulatorApiError extends Error {
  constructor(
    readonly type: string,
    readonly code: string | null,
    readonly options: { description?: string; retryAfterSeconds?: number; resolutionUrl?: string } = {},
  ) {
    super(`${type}:${code ?? "null"}`);
  }

  get status(): number {
    return TYPE_STATUS[this.type] ?? 500;
  }

  body(requestId: string): SmartcarErrorBody {
    const definition = ERROR_CATALOG[errorKey(this.type, this.code)] ?? ERROR_CATALOG["SERVER:INTERNAL"]!;
    const resolution: SmartcarErrorBody["resolution"] = { type: definition.resolution };
    if (this.options.resolutionUrl) resolution.url = this.options.resolutionUrl;
    return {
      type: this.type,
      code: this.code,
      description: this.options.description ?? definition.description,
      docURL: docUrl(this.type, this.code),
      statusCode: this.status,
      requestId,
      resolution,
      suggestedUserMessage: definition.suggestedUserMessage,
    };
  }
}

export function docUrl(type: string, code: string | null): string {
  const page = type.toLowerCase().replaceAll("_", "-");
  return `https://smartcar.com/docs/errors/api-errors/${page}-errors${code ? `#${code.toLowerCase().replaceAll("_", "-")}` : ""}`;
}

export function statusForType(type: string): number {
  return TYPE_STATUS[type] ?? 500;
}

export function newRequestId(): string {
  return randomUUID();
}
