import { describe, expect, it } from "vitest";
import { callsForReauthentication, clearedByLaterSuccess, errorGuidance, nextAttemptAfterApiError } from "@/lib/errors/guidance";

const now = new Date("2026-11-23T12:00:00Z");

describe("callsForReauthentication", () => {
  it("follows the error's resolution, else the catalogue", () => {
    expect(callsForReauthentication({ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", resolutionType: null })).toBe(true);
    expect(callsForReauthentication({ type: "PERMISSION", code: null, resolutionType: null })).toBe(true);
    expect(callsForReauthentication({ type: "COMPATIBILITY", code: "PLATFORM_NOT_CAPABLE", resolutionType: null })).toBe(true);
    expect(callsForReauthentication({ type: "SOMETHING_NEW", code: "X", resolutionType: "REAUTHENTICATE" })).toBe(true);
    expect(callsForReauthentication({ type: "VEHICLE_STATE", code: "ASLEEP", resolutionType: null })).toBe(false);
    expect(callsForReauthentication({ type: "BILLING", code: "VEHICLE_LIMIT", resolutionType: "CONTACT_SUPPORT" })).toBe(false);
  });
});

describe("clearedByLaterSuccess", () => {
  it("closes login, reachability, rate-limit and upstream errors, not feature-specific ones", () => {
    const cleared = (type: string, code: string | null) => clearedByLaterSuccess({ type, code, resolutionType: null });
    expect(cleared("CONNECTED_SERVICES_ACCOUNT", "AUTHENTICATION_FAILED")).toBe(true);
    expect(cleared("VEHICLE_STATE", "ASLEEP")).toBe(true);
    expect(cleared("RATE_LIMIT", "VEHICLE")).toBe(true);
    expect(cleared("UPSTREAM", "NO_RESPONSE")).toBe(true);
    expect(cleared("VEHICLE_STATE", "DOOR_OPEN")).toBe(false);
    expect(cleared("COMPATIBILITY", "VEHICLE_NOT_CAPABLE")).toBe(false);
    expect(cleared("PERMISSION", null)).toBe(false);
    expect(cleared("BILLING", "VEHICLE_REQUEST_LIMIT")).toBe(false);
    expect(cleared("CONNECTED_SERVICES_ACCOUNT", "VIRTUAL_KEY_REQUIRED")).toBe(false);
  });
});

describe("errorGuidance", () => {
  it("says plainly who acts for each kind of error", () => {
    expect(errorGuidance({ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", resolutionType: "REAUTHENTICATE" }).category).toBe("reconnect");

    const billing = errorGuidance({ type: "BILLING", code: "VEHICLE_LIMIT", resolutionType: "CONTACT_SUPPORT" });
    expect(billing.category).toBe("billing");
    expect(billing.headline).toMatch(/contact Smartcar support/);
    expect(errorGuidance({ type: "BILLING", code: "ACCOUNT_SUSPENDED", resolutionType: null }).headline).toMatch(/finance team/);

    const support = errorGuidance({ type: "SERVER", code: "MULTIPLE_RECORDS_FOUND", resolutionType: null });
    expect(support.category).toBe("support");
    expect(support.headline).toMatch(/Contact Smartcar support/);

    const plug = errorGuidance({ type: "VEHICLE_STATE", code: "CHARGING_PLUG_NOT_CONNECTED", resolutionType: null });
    expect(plug.category).toBe("at_the_car");
    expect(plug.headline).toBe("At the car: Plug in the charging cable, then try again.");
    expect(errorGuidance({ type: "VEHICLE_STATE", code: "DOOR_OPEN", resolutionType: null }).headline).toMatch(/Close all doors/);

    const key = errorGuidance({ type: "CONNECTED_SERVICES_ACCOUNT", code: "VIRTUAL_KEY_REQUIRED", resolutionType: "ACTION_REQUIRED", resolutionUrl: "https://www.tesla.com/_ak/smartcar.com" });
    expect(key.category).toBe("action_link");
    expect(key.actionUrl).toBe("https://www.tesla.com/_ak/smartcar.com");
  });

  it("shows the next attempt for retry-later and rate limits", () => {
    const retryAt = new Date("2026-11-23T12:05:00Z");
    const limited = errorGuidance({ type: "RATE_LIMIT", code: "VEHICLE", resolutionType: "RETRY_LATER", retryAt });
    expect(limited.category).toBe("retry");
    expect(limited.nextAttemptAt).toEqual(retryAt);
    expect(errorGuidance({ type: "UPSTREAM", code: "NO_RESPONSE", resolutionType: null }).category).toBe("retry");
  });
});

describe("nextAttemptAfterApiError", () => {
  it("uses retry-after when given, else backs off exponentially up to an hour, and never for non-retryable errors", () => {
    expect(nextAttemptAfterApiError({ retryAfterSeconds: 30, retryable: true, occurrences: 5 }, now)).toEqual(new Date("2026-11-23T12:00:30Z"));
    expect(nextAttemptAfterApiError({ retryAfterSeconds: null, retryable: true, occurrences: 1 }, now)).toEqual(new Date("2026-11-23T12:01:00Z"));
    expect(nextAttemptAfterApiError({ retryAfterSeconds: null, retryable: true, occurrences: 3 }, now)).toEqual(new Date("2026-11-23T12:04:00Z"));
    expect(nextAttemptAfterApiError({ retryAfterSeconds: null, retryable: true, occurrences: 20 }, now)).toEqual(new Date("2026-11-23T13:00:00Z"));
    expect(nextAttemptAfterApiError({ retryAfterSeconds: null, retryable: false, occurrences: 1 }, now)).toBeNull();
  });
});
