import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FLEET_ACCOUNTS, DEMO_OWNER } from "@/lib/demo/identities";
import { decide, logIn, parseAuthorize, parseReauthenticate, readSession, reauthenticate } from "@/lib/simulator/connect";
import { startEmulator, type RunningEmulator } from "../../helpers/emulator";

describe("emulator Connect, v2 API, management API, rate limits and control plane", () => {
  let emulator: RunningEmulator;
  const basic = () => `Basic ${Buffer.from(`${emulator.credentials.clientId}:${emulator.credentials.clientSecret}`).toString("base64")}`;
  const authorizeQuery = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      response_type: "code",
      client_id: emulator.credentials.clientId,
      redirect_uri: emulator.credentials.redirectUri,
      scope: "required:read_vehicle_info read_odometer read_battery read_charge control_security control_charge",
      state: "xyz",
      mode: "simulated",
      ...extra,
    });
  const tokenRequest = (body: Record<string, string>) =>
    fetch(`${emulator.hosts.auth}/oauth/token`, {
      method: "POST",
      headers: { authorization: basic(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });

  beforeAll(async () => {
    emulator = await startEmulator({ vehicleRateLimit: { burst: 5, refillPerMinute: 1 } });
  });
  afterAll(async () => emulator?.close());

  it("rejects an unregistered redirect_uri without redirecting, and bad scopes with configuration_error", () => {
    expect(parseAuthorize(emulator.simulator.ctx, authorizeQuery({ redirect_uri: "https://evil.example/cb" }))).toMatchObject({ kind: "invalid" });
    const badScope = parseAuthorize(emulator.simulator.ctx, authorizeQuery({ scope: "read_everything" }));
    expect(badScope.kind).toBe("redirect");
    const url = new URL((badScope as { url: string }).url);
    expect(url.searchParams.get("error")).toBe("configuration_error");
    expect(url.searchParams.get("state")).toBe("xyz");
  });

  it("maps the documented test emails to Connect errors", async () => {
    const parsed = parseAuthorize(emulator.simulator.ctx, authorizeQuery());
    if (parsed.kind !== "ok") throw new Error("expected a valid request");
    for (const [email, error] of [
      ["smartcar@invalid-subscription.com", "invalid_subscription"],
      ["smartcar@vehicle-incompatible.com", "vehicle_incompatible"],
      ["0-vehicles@example.com", "no_vehicles"],
    ]) {
      const outcome = await logIn(emulator.simulator.ctx, parsed.request, "TESLA", email!);
      expect(outcome.kind).toBe("redirect");
      expect(new URL((outcome as { url: string }).url).searchParams.get("error")).toBe(error);
    }
    const denied = await decide(emulator.simulator.ctx, parsed.request, DEMO_OWNER.smartcarUserId, false, [], []);
    expect(Object.fromEntries(new URL(denied).searchParams)).toEqual({ error: "access_denied", error_description: "User denied access to application.", state: "xyz" });
  });

  it("walks Connect for a 3-vehicle account, exchanges the code, and uses v2 with the vehicle token", async () => {
    const ctx = emulator.simulator.ctx;
    const parsed = parseAuthorize(ctx, authorizeQuery());
    if (parsed.kind !== "ok") throw new Error("expected a valid request");
    const login = await logIn(ctx, parsed.request, "FORD", "3-vehicles@example.com");
    if (login.kind !== "session") throw new Error("expected a session");
    const { userId } = readSession(ctx, login.session)!;
    const vehicles = (await fetch(`${emulator.baseUrl}/control/state`, { headers: { authorization: emulator.managementAuthorization } }).then((r) => r.json())).vehicles.filter(
      (vehicle: { ownerId: string }) => vehicle.ownerId === userId,
    );
    expect(vehicles).toHaveLength(3);
    const chosen = vehicles.slice(0, 2).map((vehicle: { id: string }) => vehicle.id);
    const redirect = new URL(await decide(ctx, parsed.request, userId, true, chosen, ["read_odometer", "control_security"]));
    expect(redirect.origin + redirect.pathname).toBe(emulator.credentials.redirectUri);
    expect(redirect.searchParams.get("user_id")).toBe(userId);
    expect(redirect.searchParams.get("state")).toBe("xyz");
    const code = redirect.searchParams.get("code")!;

    const wrongRedirect = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: "http://127.0.0.1:9/other" });
    expect(wrongRedirect.status).toBe(400);
    const exchanged = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: emulator.credentials.redirectUri });
    expect(exchanged.status).toBe(200);
    const tokens = await exchanged.json();
    expect(tokens).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 7200, refresh_token: expect.any(String) });
    expect((await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: emulator.credentials.redirectUri })).status).toBe(400);

    const v2 = (path: string, init: RequestInit = {}) =>
      fetch(`${emulator.hosts.api}/v2.0${path}`, { ...init, headers: { authorization: `Bearer ${tokens.access_token}`, "content-type": "application/json" } });
    expect(await (await v2("/user")).json()).toEqual({ id: userId });
    const list = await (await v2("/vehicles")).json();
    expect(list).toEqual({ vehicles: expect.arrayContaining(chosen), paging: { count: 2, offset: 0 } });
    const odometer = await v2(`/vehicles/${chosen[0]}/odometer`);
    expect(odometer.status).toBe(200);
    expect(odometer.headers.get("sc-unit-system")).toBe("metric");
    expect(odometer.headers.get("sc-data-age")).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await odometer.json()).toEqual({ distance: expect.any(Number) });
    // read_location was not granted.
    expect((await v2(`/vehicles/${chosen[0]}/location`)).status).toBe(403);
    // The third vehicle was not selected in Connect.
    expect((await v2(`/vehicles/${vehicles[2].id}/odometer`)).status).toBe(403);

    await fetch(`${emulator.baseUrl}/control/vehicles/${chosen[1]}/actions`, {
      method: "POST",
      headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
      body: JSON.stringify({ action: "open-door" }),
    });
    const lockWithDoorOpen = await v2(`/vehicles/${chosen[1]}/security`, { method: "POST", body: JSON.stringify({ action: "LOCK" }) });
    expect(lockWithDoorOpen.status).toBe(409);
    expect(await lockWithDoorOpen.json()).toMatchObject({ type: "VEHICLE_STATE", code: "DOOR_OPEN", statusCode: 409 });
    const unlock = await v2(`/vehicles/${chosen[1]}/security`, { method: "POST", body: JSON.stringify({ action: "UNLOCK" }) });
    expect(await unlock.json()).toEqual({ message: "Successfully sent request to vehicle", status: "success" });
    const noCharge = await v2(`/vehicles/${chosen[0]}/charge`, { method: "POST", body: JSON.stringify({ action: "START" }) });
    expect(noCharge.status).toBe(403);

    const batch = await (await v2(`/vehicles/${chosen[0]}/batch`, { method: "POST", body: JSON.stringify({ requests: [{ path: "/odometer" }, { path: "/location" }] }) })).json();
    expect(batch.responses.map((item: { path: string; code: number }) => [item.path, item.code])).toEqual([["/odometer", 200], ["/location", 403]]);

    const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const rotated = await refreshed.json();
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
  });

  it("lists and deletes connections through the v2 management API, which then stops API access", async () => {
    const account = DEMO_FLEET_ACCOUNTS[1]!;
    const vehicle = account.vehicles[0]!;
    const management = (method: string, query: string) =>
      fetch(`${emulator.hosts.management}/v2.0/management/connections?${query}`, { method, headers: { authorization: emulator.managementAuthorization } });
    expect((await fetch(`${emulator.hosts.management}/v2.0/management/connections`)).status).toBe(401);
    const listed = await (await management("GET", `user_id=${account.smartcarUserId}&limit=2`)).json();
    expect(listed.connections).toHaveLength(2);
    expect(listed.connections[0]).toEqual({ userId: account.smartcarUserId, vehicleId: expect.any(String), connectedAt: expect.any(String), mode: "simulated" });
    expect(listed.paging.cursor).toEqual(expect.any(String));
    const deleted = await (await management("DELETE", `vehicle_id=${vehicle.id}`)).json();
    expect(deleted).toEqual({ connections: [{ userId: account.smartcarUserId, vehicleId: vehicle.id }] });

    const { access_token } = await (
      await fetch(`${emulator.hosts.iam}/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }),
      })
    ).json();
    const after = await fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${vehicle.id}/signals`, {
      headers: { authorization: `Bearer ${access_token}`, "sc-user-id": account.smartcarUserId },
    });
    expect(after.status).toBe(403);
  });

  it("fails every call for a make under an injected OEM-migration error until the car re-authenticates", async () => {
    const vehicle = DEMO_OWNER.vehicles[0]!;
    const { access_token } = await (
      await fetch(`${emulator.hosts.iam}/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }),
      })
    ).json();
    const read = () =>
      fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${vehicle.id}`, { headers: { authorization: `Bearer ${access_token}`, "sc-user-id": DEMO_OWNER.smartcarUserId } });
    const injected = await fetch(`${emulator.baseUrl}/control/makes/tesla/errors`, {
      method: "POST",
      headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
      body: JSON.stringify({ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED" }),
    });
    expect(injected.status).toBe(201);
    const failing = await read();
    expect(failing.status).toBe(400);
    const body = await failing.json();
    expect(body).toMatchObject({ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", resolution: { type: "REAUTHENTICATE" } });
    const resolution = new URL(body.resolution.url);
    expect(resolution.pathname).toBe("/sim/connect/oauth/reauthenticate");
    expect(resolution.searchParams.get("vehicle_id")).toBe(vehicle.id);

    const query = new URLSearchParams(resolution.search);
    query.set("redirect_uri", emulator.credentials.redirectUri);
    query.set("state", "re");
    const parsed = await parseReauthenticate(emulator.simulator.ctx, query);
    if (parsed.kind !== "ok") throw new Error("expected a valid re-authentication request");
    const outcome = await reauthenticate(emulator.simulator.ctx, parsed.request, DEMO_OWNER.oemEmail);
    expect(Object.fromEntries(new URL((outcome as { url: string }).url).searchParams)).toEqual({ vehicle_id: vehicle.id, state: "re" });
    expect((await read()).status).toBe(200);
    // Other Teslas still need re-authentication.
    const other = await fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${DEMO_OWNER.vehicles[1]!.id}`, {
      headers: { authorization: `Bearer ${access_token}`, "sc-user-id": DEMO_OWNER.smartcarUserId },
    });
    expect(other.status).toBe(400);
  });

  it("throttles a vehicle with RATE_LIMIT:VEHICLE and a retry-after header", async () => {
    const account = DEMO_FLEET_ACCOUNTS[2]!;
    const vehicle = account.vehicles[0]!;
    const { access_token } = await (
      await fetch(`${emulator.hosts.iam}/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }),
      })
    ).json();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${vehicle.id}`, {
        headers: { authorization: `Bearer ${access_token}`, "sc-user-id": account.smartcarUserId },
      });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited!.json()).toMatchObject({ type: "RATE_LIMIT", code: "VEHICLE", statusCode: 429, resolution: { type: "RETRY_LATER" } });
  });

  it("advances the clock: cars drive and charge, odometers never go back", async () => {
    const before = await (await fetch(`${emulator.baseUrl}/control/state`, { headers: { authorization: emulator.managementAuthorization } })).json();
    const advanced = await fetch(`${emulator.baseUrl}/control/clock`, {
      method: "POST",
      headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
      body: JSON.stringify({ minutes: 240 }),
    });
    expect(advanced.status).toBe(200);
    const after = await (await fetch(`${emulator.baseUrl}/control/state`, { headers: { authorization: emulator.managementAuthorization } })).json();
    expect(after.clock.offsetMinutes).toBe(before.clock.offsetMinutes + 240);
    let moved = 0;
    for (const vehicle of after.vehicles as { id: string; odometerKm: number; socPercent: number | null }[]) {
      const previous = before.vehicles.find((candidate: { id: string }) => candidate.id === vehicle.id);
      expect(vehicle.odometerKm).toBeGreaterThanOrEqual(previous.odometerKm);
      if (vehicle.odometerKm > previous.odometerKm) moved++;
      if (vehicle.socPercent !== null) expect(vehicle.socPercent).toBeGreaterThanOrEqual(0);
    }
    expect(moved).toBeGreaterThan(5);
  });

  it("protects the control plane with the management token", async () => {
    expect((await fetch(`${emulator.baseUrl}/control/state`)).status).toBe(401);
    const wrong = await fetch(`${emulator.baseUrl}/control/state`, { headers: { authorization: `Basic ${Buffer.from("default:nope").toString("base64")}` } });
    expect(wrong.status).toBe(401);
    const unknownError = await fetch(`${emulator.baseUrl}/control/vehicles/${DEMO_OWNER.vehicles[0]!.id}/errors`, {
      method: "POST",
      headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
      body: JSON.stringify({ type: "NOPE", code: "NOPE" }),
    });
    expect(unknownError.status).toBe(400);
  });
});
