import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FLEET_ACCOUNTS, DEMO_OWNER } from "@/lib/demo/identities";
import { DATABASE_KINDS } from "../../helpers/databases";
import { startEmulator, type RunningEmulator } from "../../helpers/emulator";

const ERROR_KEYS = ["type", "code", "description", "docURL", "statusCode", "requestId", "resolution", "suggestedUserMessage"].sort();

async function appToken(emulator: RunningEmulator): Promise<string> {
  const response = await fetch(`${emulator.hosts.iam}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe.each(DATABASE_KINDS)("emulator tokens and v3 API (%s)", (kind) => {
  let emulator: RunningEmulator;
  let token: string;
  const owned = DEMO_OWNER.vehicles.find((vehicle) => vehicle.connected)!;
  const notConnected = DEMO_OWNER.vehicles.find((vehicle) => !vehicle.connected)!;
  const otherUsers = DEMO_FLEET_ACCOUNTS[0]!;

  const v3 = (path: string, init: RequestInit & { userId?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    if (init.userId !== null) headers.set("sc-user-id", init.userId ?? DEMO_OWNER.smartcarUserId);
    return fetch(`${emulator.hosts.vehicleApi}/v3${path}`, { ...init, headers });
  };

  beforeAll(async () => {
    emulator = await startEmulator({ database: kind });
    token = await appToken(emulator);
  });
  afterAll(async () => emulator?.close());

  it("issues a one-hour application token without a refresh token", async () => {
    const response = await fetch(`${emulator.hosts.iam}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=${emulator.credentials.clientId}&client_secret=${emulator.credentials.clientSecret}`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = await response.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
  });

  it("rejects wrong client credentials with invalid_client and a missing grant with invalid_request", async () => {
    const wrong = await fetch(`${emulator.hosts.iam}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=${emulator.credentials.clientId}&client_secret=nope`,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    const missing = await fetch(`${emulator.hosts.iam}/oauth2/token`, { method: "POST", body: "client_id=x" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
  });

  it("gets a connected vehicle wrapped in data, with a request id header", async () => {
    const response = await v3(`/vehicles/${owned.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sc-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      data: {
        id: owned.id,
        type: "vehicle",
        attributes: { make: owned.make, model: owned.model, year: owned.year, powertrainType: owned.powertrainType, mode: "simulated" },
        links: { self: `/vehicles/${owned.id}` },
      },
    });
  });

  it("lists signals as JSON:API with paging, links and included vehicle", async () => {
    const response = await v3(`/vehicles/${owned.id}/signals?page=1&pageSize=5`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data).toHaveLength(5);
    expect(body.meta).toEqual({ page: 1, pageSize: 5, totalCount: expect.any(Number) });
    expect(body.meta.totalCount).toBeGreaterThan(20);
    expect(body.links.next).toBe(`/vehicles/${owned.id}/signals?page=2&pageSize=5`);
    expect(body.links.previous).toBeNull();
    expect(body.included.vehicle.id).toBe(owned.id);
    const signal = body.data[0];
    expect(signal).toMatchObject({ id: signal.attributes.code, type: "signal", attributes: { status: { value: "SUCCESS" } } });
    expect(Object.keys(signal.attributes).sort()).toEqual(["body", "code", "group", "name", "status"]);
    expect(signal.meta.retrievedAt).toBeGreaterThan(1_700_000_000_000);
    expect(signal.meta.oemUpdatedAt).toBeGreaterThan(1_700_000_000_000);

    const all = await (await v3(`/vehicles/${owned.id}/signals?pageSize=100`)).json();
    const soc = all.data.find((item: { id: string }) => item.id === "tractionbattery-stateofcharge");
    expect(soc.attributes).toMatchObject({ name: "StateOfCharge", group: "TractionBattery", body: { unit: "percent" } });
    expect(soc.attributes.body.value).toBeGreaterThanOrEqual(0);
    expect(soc.attributes.body.value).toBeLessThanOrEqual(100);
  });

  it("gets one signal as a bare resource", async () => {
    const response = await v3(`/vehicles/${owned.id}/signals/odometer-traveleddistance`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: "odometer-traveleddistance", type: "signal", attributes: { body: { unit: "kilometers" } } });
    expect(body.data).toBeUndefined();
  });

  it("requires sc-user-id with an application token", async () => {
    const response = await v3(`/vehicles/${owned.id}/signals`, { userId: null });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(ERROR_KEYS);
    expect(body).toMatchObject({ type: "VALIDATION", code: "PARAMETER", statusCode: 400, requestId: response.headers.get("sc-request-id") });
  });

  it("never shows another user's vehicle, nor an unconnected one", async () => {
    for (const [vehicleId, userId] of [
      [otherUsers.vehicles[0]!.id, DEMO_OWNER.smartcarUserId],
      [owned.id, otherUsers.smartcarUserId],
      [notConnected.id, DEMO_OWNER.smartcarUserId],
    ] as const) {
      const response = await v3(`/vehicles/${vehicleId}/signals`, { userId });
      expect(response.status).toBe(403);
      const body = await response.json();
      expect(body).toMatchObject({ type: "PERMISSION", code: null, statusCode: 403, resolution: { type: "REAUTHENTICATE" } });
      expect(JSON.stringify(body)).not.toContain("tractionbattery");
    }
  });

  it("answers 401 AUTHENTICATION for a bad token", async () => {
    const response = await fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${owned.id}`, {
      headers: { authorization: "Bearer nope", "sc-user-id": DEMO_OWNER.smartcarUserId },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: "AUTHENTICATION", code: null, statusCode: 401 });
  });

  it("lists connections with each filter spelling", async () => {
    const expected = DEMO_OWNER.vehicles.filter((vehicle) => vehicle.connected).map((vehicle) => vehicle.id).sort();
    for (const query of [`filter[user_id]=${DEMO_OWNER.smartcarUserId}`, `filter[userId]=${DEMO_OWNER.smartcarUserId}`]) {
      const response = await fetch(`${emulator.hosts.vehicleApi}/v3/connections?${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.data.map((item: { relationships: { vehicle: { data: { id: string } } } }) => item.relationships.vehicle.data.id).sort()).toEqual(expected);
      expect(body.data[0]).toMatchObject({
        type: "connection",
        attributes: { permissions: expect.arrayContaining(["read_vehicle_info"]), vehicle: { mode: "simulated" } },
        relationships: { user: { data: { id: DEMO_OWNER.smartcarUserId, type: "user" } } },
      });
      expect(body.meta.totalCount).toBe(expected.length);
    }
    const byHeader = await v3("/connections");
    expect((await byHeader.json()).data).toHaveLength(expected.length);
    const all = await fetch(`${emulator.hosts.vehicleApi}/v3/connections?page[size]=100`, { headers: { authorization: `Bearer ${token}` } });
    expect((await all.json()).meta.totalCount).toBe(24);
  });

  it("lists the user's vehicles", async () => {
    const body = await (await v3("/vehicles")).json();
    expect(body.data.map((item: { id: string }) => item.id).sort()).toEqual(
      DEMO_OWNER.vehicles.filter((vehicle) => vehicle.connected).map((vehicle) => vehicle.id).sort(),
    );
  });

  it("answers unknown paths with RESOURCE_NOT_FOUND", async () => {
    const response = await v3("/nothing-here");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: "RESOURCE_NOT_FOUND", code: "PATH" });
  });
});
