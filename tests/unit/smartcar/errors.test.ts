import { describe, expect, it } from "vitest";
import { CONNECT_ERROR_CATALOG, SMARTCAR_ERROR_CATALOG, describeConnectError, describeSmartcarError } from "@/lib/smartcar/error-catalog";
import { SmartcarError, parseRetryAfter, parseSmartcarError } from "@/lib/smartcar/errors";

/** Contract §4.2: every documented type with its codes and HTTP status. */
const DOCUMENTED: Array<[type: string, status: number, codes: Array<string | null>]> = [
  ["AUTHENTICATION", 401, [null]],
  ["BILLING", 430, ["INVALID_PLAN", "VEHICLE_LIMIT", "VEHICLE_REQUEST_LIMIT", "ACCOUNT_SUSPENDED"]],
  ["COMPATIBILITY", 501, ["MAKE_NOT_COMPATIBLE", "SMARTCAR_NOT_CAPABLE", "VEHICLE_NOT_CAPABLE", "PLATFORM_NOT_CAPABLE"]],
  [
    "CONNECTED_SERVICES_ACCOUNT",
    400,
    ["ACCOUNT_ISSUE", "AUTHENTICATION_FAILED", "NO_VEHICLES", "PERMISSION", "SUBSCRIPTION", "VEHICLE_MISSING", "VIRTUAL_KEY_REQUIRED"],
  ],
  ["PERMISSION", 403, [null]],
  ["RATE_LIMIT", 429, ["SMARTCAR_API", "VEHICLE"]],
  ["RESOURCE_NOT_FOUND", 404, ["PATH", "VERSION"]],
  ["SERVER", 500, ["INTERNAL", "MULTIPLE_RECORDS_FOUND", "RECORD_NOT_FOUND"]],
  ["UPSTREAM", 502, ["INVALID_DATA", "KNOWN_ISSUE", "NO_RESPONSE", "RATE_LIMIT", "UNKNOWN_ISSUE"]],
  ["VALIDATION", 400, [null, "PARAMETER"]],
  [
    "VEHICLE_STATE",
    409,
    [
      "ASLEEP",
      "CHARGING_IN_PROGRESS",
      "CHARGING_PLUG_NOT_CONNECTED",
      "DOOR_OPEN",
      "FULLY_CHARGED",
      "NOT_CHARGING",
      "CHARGE_FAULT",
      "HOOD_OPEN",
      "IGNITION_ON",
      "IN_MOTION",
      "REMOTE_ACCESS_DISABLED",
      "TRUNK_OPEN",
      "UNKNOWN",
      "UNREACHABLE",
      "VEHICLE_OFFLINE_FOR_SERVICE",
    ],
  ],
];

const DOCUMENTED_PAIRS = DOCUMENTED.flatMap(([type, status, codes]) => codes.map((code) => ({ type, status, code })));

function headers(values: Record<string, string> = {}): Headers {
  return new Headers(values);
}

describe("error catalogue", () => {
  it.each(DOCUMENTED_PAIRS)("has an exact entry for $type:$code", ({ type, code, status }) => {
    const entry = SMARTCAR_ERROR_CATALOG.find((candidate) => candidate.type === type && candidate.code === code);
    expect(entry).toBeDefined();
    expect(entry!.statusCode).toBe(status);
    expect(entry!.meaning.length).toBeGreaterThan(10);
    expect(entry!.managerAction.length).toBeGreaterThan(5);
  });

  it("uses the documented default resolutions", () => {
    expect(describeSmartcarError("BILLING", "ACCOUNT_SUSPENDED").defaultResolution).toBe("FINANCE");
    expect(describeSmartcarError("BILLING", "VEHICLE_LIMIT").defaultResolution).toBe("CONTACT_SUPPORT");
    expect(describeSmartcarError("CONNECTED_SERVICES_ACCOUNT", "AUTHENTICATION_FAILED").defaultResolution).toBe("REAUTHENTICATE");
    expect(describeSmartcarError("CONNECTED_SERVICES_ACCOUNT", "VIRTUAL_KEY_REQUIRED").defaultResolution).toBe("ACTION_REQUIRED");
    expect(describeSmartcarError("COMPATIBILITY", "PLATFORM_NOT_CAPABLE").defaultResolution).toBe("REAUTHENTICATE");
    expect(describeSmartcarError("PERMISSION", null).defaultResolution).toBe("REAUTHENTICATE");
    expect(describeSmartcarError("RATE_LIMIT", "VEHICLE").defaultResolution).toBe("RETRY_LATER");
    expect(describeSmartcarError("SERVER", "RECORD_NOT_FOUND").defaultResolution).toBe("CONTACT_SUPPORT");
  });

  it("falls back to the type entry, then to a generic one, for unknown codes", () => {
    expect(describeSmartcarError("VEHICLE_STATE", "NEW_CODE")).toMatchObject({ type: "VEHICLE_STATE", code: null });
    expect(describeSmartcarError("BRAND_NEW_TYPE", "X", 418)).toMatchObject({ type: "BRAND_NEW_TYPE", code: "X", statusCode: 418 });
  });

  it("describes every documented Connect error", () => {
    for (const error of ["access_denied", "invalid_subscription", "configuration_error", "no_vehicles", "vehicle_incompatible", "server_error"]) {
      expect(CONNECT_ERROR_CATALOG.some((entry) => entry.error === error)).toBe(true);
    }
    expect(describeConnectError("something_new").meaning).toContain("something_new");
  });
});

describe("parsing error bodies", () => {
  it.each(DOCUMENTED_PAIRS)("parses the documented v2 body of $type:$code", ({ type, code, status }) => {
    const resolution = describeSmartcarError(type, code).defaultResolution;
    const body = {
      type,
      code,
      description: `Description of ${type}:${code}`,
      docURL: `https://smartcar.com/docs/errors/api-errors/${type.toLowerCase()}`,
      statusCode: status,
      requestId: "5dea93a1-3f79-4246-90c5-89610a20471b",
      resolution: { type: resolution },
      suggestedUserMessage: "Please do something.",
    };
    const error = parseSmartcarError(status, headers({ "sc-request-id": "header-id" }), JSON.stringify(body));
    expect(error).toBeInstanceOf(SmartcarError);
    expect(error).toMatchObject({
      type,
      code,
      statusCode: status,
      description: body.description,
      requestId: body.requestId,
      docURL: body.docURL,
      suggestedUserMessage: "Please do something.",
      resolution: { type: resolution, url: null },
      retryAfter: null,
    });
    expect(error.message).toBe(`${type}:${code ?? "null"} - ${body.description}`);
  });

  it("keeps resolution.url, e.g. the partial re-authentication URL", () => {
    const body = {
      type: "CONNECTED_SERVICES_ACCOUNT",
      code: "AUTHENTICATION_FAILED",
      description: "Smartcar was unable to authenticate with the user’s connected services account.",
      docURL: "https://smartcar.com/docs/errors/api-errors/connected-services-account-errors#authentication-failed",
      statusCode: 400,
      requestId: "r1",
      resolution: {
        type: "REAUTHENTICATE",
        url: "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=8229df9f&vehicle_id=sc4a1b01e5",
      },
      suggestedUserMessage: "Your car got disconnected from . Please use this link to re-connect your car: .",
    };
    const error = parseSmartcarError(400, headers(), JSON.stringify(body));
    expect(error.resolution).toEqual(body.resolution);
    expect(error.needsReauthentication()).toBe(true);
    expect(error.isRetryable()).toBe(false);
  });

  it("takes the request id and retry-after from headers", () => {
    const body = { type: "RATE_LIMIT", code: "VEHICLE", description: "too many", statusCode: 429, resolution: { type: "RETRY_LATER" } };
    const error = parseSmartcarError(429, headers({ "sc-request-id": "hdr-1", "retry-after": "17" }), JSON.stringify(body));
    expect(error.requestId).toBe("hdr-1");
    expect(error.retryAfter).toBe(17);
    expect(error.isRetryable()).toBe(true);
  });

  it("accepts a string resolution, a null code and a missing resolution", () => {
    expect(parseSmartcarError(403, headers(), JSON.stringify({ type: "PERMISSION", code: null, description: "d", resolution: "REAUTHENTICATE" })).resolution).toEqual({
      type: "REAUTHENTICATE",
      url: null,
    });
    const withoutResolution = parseSmartcarError(500, headers(), JSON.stringify({ type: "SERVER", code: "INTERNAL", description: "boom" }));
    expect(withoutResolution.resolution).toEqual({ type: "RETRY_LATER", url: null });
    expect(withoutResolution.isRetryable()).toBe(true);
  });

  it("keeps the detail array of validation errors", () => {
    const body = { type: "VALIDATION", code: "PARAMETER", description: "bad", detail: [{ field: "percent", message: "must be ≤ 100" }] };
    expect(parseSmartcarError(400, headers(), JSON.stringify(body)).detail).toEqual(body.detail);
  });

  it("parses OAuth token-endpoint errors", () => {
    const grant = parseSmartcarError(400, headers(), JSON.stringify({ error: "invalid_grant", error_description: "refresh token expired" }));
    expect(grant).toMatchObject({ type: "OAUTH", code: "invalid_grant", description: "refresh token expired", statusCode: 400 });
    expect(grant.needsReauthentication()).toBe(true);
    const client = parseSmartcarError(401, headers(), JSON.stringify({ error: "invalid_client" }));
    expect(client).toMatchObject({ type: "OAUTH", code: "invalid_client", description: "invalid_client" });
    expect(client.needsReauthentication()).toBe(false);
  });

  it("parses JSON:API error bodies", () => {
    const body = { errors: [{ status: "401", code: "unauthorized", title: "Unauthorized", detail: "Token expired", links: { about: "https://smartcar.com/docs/x" } }] };
    expect(parseSmartcarError(401, headers({ "sc-request-id": "abc" }), JSON.stringify(body))).toMatchObject({
      type: "AUTHENTICATION",
      code: null,
      description: "Token expired",
      docURL: "https://smartcar.com/docs/x",
      requestId: "abc",
    });
    const paired = { errors: [{ status: "409", code: "VEHICLE_STATE:ASLEEP", title: "Asleep" }] };
    expect(parseSmartcarError(409, headers(), JSON.stringify(paired))).toMatchObject({ type: "VEHICLE_STATE", code: "ASLEEP", description: "Asleep" });
    const typed = { errors: [{ status: "400", type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE", detail: "no" }] };
    expect(parseSmartcarError(501, headers(), JSON.stringify(typed))).toMatchObject({ type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE" });
  });

  it("turns plain text, HTML and empty bodies into the status's type", () => {
    expect(parseSmartcarError(502, headers(), "<html>Bad gateway</html>")).toMatchObject({ type: "UPSTREAM", code: null, description: "<html>Bad gateway</html>" });
    expect(parseSmartcarError(404, headers(), "")).toMatchObject({ type: "RESOURCE_NOT_FOUND", description: "HTTP 404" });
    expect(parseSmartcarError(400, headers(), JSON.stringify({ message: "missing userId" }))).toMatchObject({ type: "VALIDATION", description: "missing userId" });
  });
});

describe("SmartcarError helpers", () => {
  const make = (type: string, code: string | null, resolution?: string | null) =>
    new SmartcarError({ type, code, statusCode: 400, description: "d", resolution: resolution === undefined ? undefined : { type: resolution, url: null } });

  it("needsReauthentication follows the resolution, or the catalogue when the body has none", () => {
    expect(make("CONNECTED_SERVICES_ACCOUNT", "PERMISSION").needsReauthentication()).toBe(true);
    expect(make("CONNECTED_SERVICES_ACCOUNT", "AUTHENTICATION_FAILED", null).needsReauthentication()).toBe(true);
    expect(make("VALIDATION", null, "REAUTHENTICATE").needsReauthentication()).toBe(true);
    expect(make("VEHICLE_STATE", "ASLEEP").needsReauthentication()).toBe(false);
    expect(make("BILLING", "VEHICLE_LIMIT").needsReauthentication()).toBe(false);
  });

  it("isRetryable is true for rate limits, upstream, internal and network errors only", () => {
    expect(make("RATE_LIMIT", "SMARTCAR_API").isRetryable()).toBe(true);
    expect(make("UPSTREAM", "NO_RESPONSE").isRetryable()).toBe(true);
    expect(make("SERVER", "INTERNAL").isRetryable()).toBe(true);
    expect(make("NETWORK", "TIMEOUT").isRetryable()).toBe(true);
    expect(make("SERVER", "MULTIPLE_RECORDS_FOUND").isRetryable()).toBe(false);
    expect(make("BILLING", "VEHICLE_REQUEST_LIMIT").isRetryable()).toBe(false);
    expect(make("COMPATIBILITY", "VEHICLE_NOT_CAPABLE").isRetryable()).toBe(false);
    expect(make("PERMISSION", null).isRetryable()).toBe(false);
    expect(make("VALIDATION", "PARAMETER", "RETRY_LATER").isRetryable()).toBe(true);
  });

  it("serialises without the stack", () => {
    expect(JSON.parse(JSON.stringify(make("SERVER", "INTERNAL")))).toMatchObject({ type: "SERVER", code: "INTERNAL", resolution: { type: "RETRY_LATER" } });
  });
});

describe("retry-after", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    const now = Date.parse("2026-11-23T10:00:00Z");
    expect(parseRetryAfter("Mon, 23 Nov 2026 10:00:45 GMT", now)).toBe(45);
  });
});
