import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { buildAuthorizeUrl, buildReauthenticateUrl, completeReauthenticateUrl, parseConnectRedirect } from "@/lib/smartcar/connect";

interface OfficialAuthClient {
  getAuthUrl(scope: string[], options: Record<string, unknown>): string;
}
const require = createRequire(import.meta.url);
const officialSdk = require("smartcar") as { AuthClient: new (options: Record<string, unknown>) => OfficialAuthClient };

const CONNECT = "https://connect.smartcar.com";

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe("authorize URL", () => {
  it("carries every documented parameter, like the official SDK builds it", () => {
    const ours = buildAuthorizeUrl({
      connectHost: CONNECT,
      clientId: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
      redirectUri: "https://example.com/home?x=1&y=2",
      scope: ["required:read_odometer", "read_vehicle_info"],
      state: "0facda 3319&=",
      approvalPrompt: "force",
      mode: "simulated",
      make: "TESLA",
      singleSelect: { vin: "5YJSA1E14FF101307" },
      flags: { country: "DE", color: "00819D" },
      user: "61a3e3d2-5198-47ba-aabd-4623ce4a4042",
    });
    const official = new officialSdk.AuthClient({
      clientId: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
      clientSecret: "unused",
      redirectUri: "https://example.com/home?x=1&y=2",
      mode: "simulated",
    }).getAuthUrl(["required:read_odometer", "read_vehicle_info"], {
      forcePrompt: true,
      state: "0facda 3319&=",
      makeBypass: "TESLA",
      singleSelect: { vin: "5YJSA1E14FF101307" },
      flags: { country: "DE", color: "00819D" },
      user: "61a3e3d2-5198-47ba-aabd-4623ce4a4042",
    });
    expect(params(ours)).toEqual(params(official));
    expect(params(ours)).toMatchObject({
      response_type: "code",
      scope: "required:read_odometer read_vehicle_info",
      redirect_uri: "https://example.com/home?x=1&y=2",
      state: "0facda 3319&=",
      approval_prompt: "force",
      mode: "simulated",
      single_select: "true",
      single_select_vin: "5YJSA1E14FF101307",
      flags: "country:DE color:00819D",
    });
    expect(ours.startsWith(`${CONNECT}/oauth/authorize?response_type=code&client_id=`)).toBe(true);
  });

  it("encodes spaces as %20 and reserved characters, never as +", () => {
    const url = buildAuthorizeUrl({ connectHost: CONNECT, clientId: "c", scope: ["read_odometer", "read_vin"], state: "a+b c" });
    expect(url).toContain("scope=read_odometer%20read_vin");
    expect(url).toContain("state=a%2Bb%20c");
    expect(url).not.toMatch(/scope=[^&]*\+/);
  });

  it("defaults to approval_prompt=auto and mode=live, and leaves out what is not given", () => {
    const url = buildAuthorizeUrl({ connectHost: `${CONNECT}/`, clientId: "client" });
    expect(url).toBe(`${CONNECT}/oauth/authorize?response_type=code&client_id=client&approval_prompt=auto&mode=live`);
  });

  it("sends single_select without a VIN, and false when asked", () => {
    expect(params(buildAuthorizeUrl({ connectHost: CONNECT, clientId: "c", singleSelect: true }))).toMatchObject({ single_select: "true" });
    expect(params(buildAuthorizeUrl({ connectHost: CONNECT, clientId: "c", singleSelect: false }))).toMatchObject({ single_select: "false" });
    expect(params(buildAuthorizeUrl({ connectHost: CONNECT, clientId: "c", singleSelect: true }))).not.toHaveProperty("single_select_vin");
  });

  it("works under an emulator path prefix", () => {
    const url = buildAuthorizeUrl({ connectHost: "http://127.0.0.1:3000/sim/connect", clientId: "c" });
    expect(new URL(url).pathname).toBe("/sim/connect/oauth/authorize");
  });
});

describe("re-authenticate URL", () => {
  it("builds the documented query", () => {
    const url = buildReauthenticateUrl({ connectHost: CONNECT, clientId: "client", vehicleId: "veh 1", redirectUri: "https://app/cb", state: "s1", user: "u1" });
    expect(url).toBe(`${CONNECT}/oauth/reauthenticate?response_type=vehicle_id&client_id=client&vehicle_id=veh%201&redirect_uri=https%3A%2F%2Fapp%2Fcb&state=s1&user=u1`);
  });

  it("completes the partial URL of an AUTHENTICATION_FAILED resolution on the configured host", () => {
    const partial =
      "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=8229df9f&vehicle_id=sc4a1b01e5-0497&make=TESLA&scope=read_odometer%20control_security";
    const url = completeReauthenticateUrl(partial, { connectHost: "http://localhost:3000/sim/connect", clientId: "ours", redirectUri: "http://localhost:3000/cb", state: "st" });
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe("http://localhost:3000/sim/connect/oauth/reauthenticate");
    expect(params(url)).toEqual({
      response_type: "vehicle_id",
      client_id: "8229df9f",
      vehicle_id: "sc4a1b01e5-0497",
      make: "TESLA",
      scope: "read_odometer control_security",
      redirect_uri: "http://localhost:3000/cb",
      state: "st",
    });
  });
});

describe("Connect redirect", () => {
  it("reads a success with code, user_id and state", () => {
    expect(parseConnectRedirect("https://app/cb?code=abc&user_id=725146a3&state=s")).toEqual({ kind: "authorized", code: "abc", userId: "725146a3", state: "s" });
  });

  it("accepts the userId spelling and a redirect without a code", () => {
    expect(parseConnectRedirect(new URLSearchParams("code=C&userId=U&state=S"))).toEqual({ kind: "authorized", code: "C", userId: "U", state: "S" });
    expect(parseConnectRedirect("/cb?user_id=U")).toEqual({ kind: "authorized", code: null, userId: "U", state: null });
  });

  it("reads a re-authentication success", () => {
    expect(parseConnectRedirect(new URL("https://app/cb?vehicle_id=v1&state=s"))).toEqual({ kind: "reauthenticated", vehicleId: "v1", state: "s" });
  });

  it("reads errors with their extra parameters", () => {
    expect(parseConnectRedirect("/cb?error=access_denied&error_description=User%20denied%20access%20to%20application.&state=s")).toEqual({
      kind: "error",
      error: "access_denied",
      description: "User denied access to application.",
      state: "s",
      statusCode: null,
      errorMessage: null,
      vehicle: null,
    });
    expect(parseConnectRedirect("/cb?error=configuration_error&error_description=x&status_code=400&error_message=Test%20VIN%20in%20live")).toMatchObject({
      kind: "error",
      statusCode: 400,
      errorMessage: "Test VIN in live",
    });
    expect(parseConnectRedirect("/cb?error=vehicle_incompatible&vin=0SCAUDI012FE3B132&make=AUDI&model=A4&year=2019")).toMatchObject({
      kind: "error",
      vehicle: { vin: "0SCAUDI012FE3B132", make: "AUDI", model: "A4", year: 2019 },
    });
  });

  it("prefers the error when a redirect carries both", () => {
    expect(parseConnectRedirect("/cb?error=server_error&code=abc").kind).toBe("error");
  });

  it("flags a redirect that carries nothing usable", () => {
    expect(parseConnectRedirect("/cb?state=s")).toMatchObject({ kind: "invalid", state: "s" });
  });
});
