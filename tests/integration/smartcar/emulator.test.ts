import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FLEET_ACCOUNTS, DEMO_OWNER } from "@/lib/demo/identities";
import { connections, smartcarUsers, users, vehicleTokens, vehicles } from "@/lib/db/schema";
import { SmartcarClient, type SmartcarClientOptions } from "@/lib/smartcar/client";
import { SmartcarError, parseSmartcarError } from "@/lib/smartcar/errors";
import { startEmulator, type RunningEmulator } from "../../helpers/emulator";

/** The client against the emulator over real HTTP: every endpoint it uses, as production would call it. */

const key = { id: "k1", key: randomBytes(32) };
const OWNER = DEMO_OWNER.smartcarUserId;
const [CAR, SECOND_CAR] = DEMO_OWNER.vehicles as [(typeof DEMO_OWNER.vehicles)[number], (typeof DEMO_OWNER.vehicles)[number]];
const FLEET = DEMO_FLEET_ACCOUNTS[0]!;

function clientFor(emulator: RunningEmulator, extra: Partial<SmartcarClientOptions> = {}): SmartcarClient {
  return new SmartcarClient({
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    managementToken: emulator.credentials.managementToken,
    redirectUri: emulator.credentials.redirectUri,
    hosts: emulator.hosts,
    connectMode: "simulated",
    vehicleMinIntervalMs: 0,
    db: emulator.db.db,
    databaseKind: emulator.db.kind,
    encryptionKeys: [key],
    ...extra,
  });
}

async function control(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${emulator.baseUrl}/control/${path}`, {
    method,
    headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `control ${method} ${path}`).toBeLessThan(300);
  return response;
}

async function caught(promise: Promise<unknown>): Promise<SmartcarError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SmartcarError);
  return error as SmartcarError;
}

describe("Smartcar client against the emulator", () => {
  let emulator: RunningEmulator;
  let client: SmartcarClient;
  beforeAll(async () => {
    emulator = await startEmulator();
    client = clientFor(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const ref = () => ({ userId: OWNER, vehicleId: CAR.id });

  it("gets a v3 application token and the vehicle", async () => {
    expect(await client.getApplicationToken()).toBeTruthy();
    expect(await client.getVehicle(ref())).toEqual({ id: CAR.id, make: CAR.make.toUpperCase() === CAR.make ? CAR.make : expect.stringMatching(new RegExp(`^${CAR.make}$`, "i")), model: CAR.model, year: CAR.year, powertrainType: "BEV", mode: "simulated" });
  });

  it("enforces sc-user-id: missing is a VALIDATION error, another user's car a PERMISSION error", async () => {
    const token = await client.getApplicationToken();
    const response = await fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${CAR.id}`, { headers: { authorization: `Bearer ${token}` } });
    const missing = parseSmartcarError(response.status, response.headers, await response.text());
    expect(missing).toMatchObject({ type: "VALIDATION", statusCode: 400 });
    expect(missing.requestId).toBeTruthy();
    const foreign = await caught(client.getVehicle({ userId: FLEET.smartcarUserId, vehicleId: CAR.id }));
    expect(foreign).toMatchObject({ type: "PERMISSION", statusCode: 403 });
    expect(foreign.needsReauthentication()).toBe(true);
  });

  it("reads every signal across pages, and one signal", async () => {
    const onePage = await client.getSignalsPage(ref());
    const all = await client.listSignals(ref(), 7);
    expect(onePage.totalCount).toBeGreaterThan(7);
    expect(all).toHaveLength(onePage.totalCount!);
    expect(new Set(all.map((signal) => signal.code)).size).toBe(all.length);
    const soc = await client.getSignal(ref(), "tractionbattery-stateofcharge");
    expect(soc).toMatchObject({ code: "tractionbattery-stateofcharge", group: "TractionBattery", status: "SUCCESS", body: { unit: "percent", value: expect.any(Number) } });
    expect(soc.retrievedAt).toBeInstanceOf(Date);
    expect(all.find((signal) => signal.code === soc.code)).toBeDefined();
    const unknown = await caught(client.getSignal(ref(), "nonsense-signal"));
    expect(unknown).toMatchObject({ type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE" });
  });

  it("lists connections, filtered and paginated, and reads one", async () => {
    const mine = await client.listConnections({ userId: OWNER });
    expect(mine.map((connection) => connection.vehicleId).sort()).toEqual(DEMO_OWNER.vehicles.filter((vehicle) => vehicle.connected).map((vehicle) => vehicle.id).sort());
    expect(mine.every((connection) => connection.userId === OWNER && connection.permissions.includes("control_security"))).toBe(true);
    const everything = await client.listConnections({ mode: "simulated" }, 4);
    expect(everything.length).toBeGreaterThan(4);
    expect(new Set(everything.map((connection) => connection.id)).size).toBe(everything.length);
    const one = await client.getConnection(OWNER, mine[0]!.id);
    expect(one).toMatchObject({ id: mine[0]!.id, vehicleId: mine[0]!.vehicleId, userId: OWNER });
    const someoneElse = await caught(client.getConnection(DEMO_FLEET_ACCOUNTS[0]!.smartcarUserId, mine[0]!.id));
    expect(someoneElse).toMatchObject({ type: "PERMISSION", statusCode: 403 });
  });

  it("runs v3 commands and reports refusals as typed errors", async () => {
    expect((await client.lock(ref())).status).toBe("SUCCESS");
    expect((await client.unlock(ref())).status).toBe("SUCCESS");
    await control(emulator, "POST", `vehicles/${CAR.id}/actions`, { action: "stop-charge" });
    await control(emulator, "POST", `vehicles/${CAR.id}/actions`, { action: "plug-in" });
    const limit = await client.setChargeLimit(ref(), 100);
    expect(limit).toMatchObject({ status: "SUCCESS", parameters: { percent: 100 } });
    const started = await client.startCharge(ref()).catch((error: unknown) => error);
    if (started instanceof SmartcarError) expect(started).toMatchObject({ type: "VEHICLE_STATE", code: "FULLY_CHARGED" });
    else expect(started).toMatchObject({ status: "SUCCESS", commandType: "charge-start" });
    const stopped = await client.stopCharge(ref()).catch((error: unknown) => error);
    if (stopped instanceof SmartcarError) expect(stopped).toMatchObject({ type: "VEHICLE_STATE", code: "NOT_CHARGING" });
    else expect(stopped).toMatchObject({ status: "SUCCESS" });
    const invalid = await caught(client.setChargeLimit(ref(), 40));
    expect(invalid).toMatchObject({ type: "VALIDATION", code: "PARAMETER", statusCode: 400 });
  });

  it("turns an injected AUTHENTICATION_FAILED into a re-authentication link on the emulator's Connect", async () => {
    await control(emulator, "POST", `vehicles/${SECOND_CAR.id}/errors`, { type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED" });
    try {
      const error = await caught(client.getVehicle({ userId: OWNER, vehicleId: SECOND_CAR.id }));
      expect(error).toMatchObject({ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", statusCode: 400 });
      expect(error.needsReauthentication()).toBe(true);
      expect(error.isRetryable()).toBe(false);
      expect(error.requestId).toBeTruthy();
      const link = new URL(client.reauthenticateUrlForError(error, SECOND_CAR.id, { state: "st" }));
      expect(link.origin + link.pathname).toBe(`${emulator.hosts.connect}/oauth/reauthenticate`);
      expect(Object.fromEntries(link.searchParams)).toMatchObject({ response_type: "vehicle_id", vehicle_id: SECOND_CAR.id, state: "st", redirect_uri: emulator.credentials.redirectUri });
    } finally {
      await control(emulator, "DELETE", `vehicles/${SECOND_CAR.id}/errors`);
    }
    expect((await client.getVehicle({ userId: OWNER, vehicleId: SECOND_CAR.id })).id).toBe(SECOND_CAR.id);
  });

  it("v2: exchanges a code, reads and commands with the stored per-vehicle token, and rotates it", async () => {
    const db = emulator.db.db;
    const code = `code-${randomUUID()}`;
    // Connect's pages are outside this test: issue the code the way the emulator's Connect would store it.
    await db.execute(
      sql`insert into sim_auth_codes (code, user_id, vehicle_ids, permissions, redirect_uri, expires_at)
          values (${code}, ${OWNER}, ${JSON.stringify([CAR.id])}::jsonb, ${JSON.stringify(["read_vehicle_info", "read_odometer", "read_battery", "read_charge", "read_location", "control_security", "control_charge"])}::jsonb,
                  ${emulator.credentials.redirectUri}, now() + interval '10 minutes')`,
    );
    const pair = await client.exchangeCode(code);
    await expect(client.exchangeCode(code)).rejects.toMatchObject({ type: "OAUTH", code: "invalid_grant" });
    expect(await client.v2Api.user(pair.accessToken)).toBe(OWNER);
    expect(await client.v2Api.vehicles(pair.accessToken)).toEqual([CAR.id]);

    const [user] = await db.insert(users).values({ email: `v2-${randomUUID()}@example.com`, role: "owner" }).returning();
    await db.insert(smartcarUsers).values({ id: OWNER, userId: user!.id }).onConflictDoNothing();
    const [vehicle] = await db.insert(vehicles).values({ smartcarVehicleId: CAR.id, make: CAR.make, model: CAR.model, year: CAR.year }).returning();
    const [connection] = await db.insert(connections).values({ vehicleId: vehicle!.id, smartcarUserId: OWNER, ownerId: user!.id, auth: "v2_vehicle_token" }).returning();
    await client.vehicleTokens!.save(connection!.id, pair);
    const v2ref = { vehicleId: CAR.id, connectionId: connection!.id };

    expect((await client.v2Api.attributes(v2ref)).data).toMatchObject({ id: CAR.id, model: CAR.model, year: CAR.year });
    const odometer = await client.v2Api.odometer(v2ref);
    expect(odometer.data.distance).toBeGreaterThan(0);
    expect(odometer.meta.requestId).toBeTruthy();
    expect((await client.v2Api.battery(v2ref)).data.percentRemaining).toBeGreaterThan(0);
    expect((await client.v2Api.charge(v2ref)).data).toMatchObject({ isPluggedIn: expect.any(Boolean), state: expect.any(String) });
    expect((await client.v2Api.location(v2ref)).data).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
    expect((await client.v2Api.lock(v2ref)).data.status).toBe("success");
    expect((await client.v2Api.unlock(v2ref)).data.status).toBe("success");
    const charge = await client.v2Api.stopCharge(v2ref).catch((error: unknown) => error);
    if (charge instanceof SmartcarError) expect(charge).toMatchObject({ type: "VEHICLE_STATE", code: "NOT_CHARGING" });
    else expect(charge).toMatchObject({ data: { status: "success" } });

    // Expire the access token: 20 concurrent calls rotate once against the emulator and all succeed.
    await db.update(vehicleTokens).set({ accessExpiresAt: new Date(Date.now() - 1) }).where(eq(vehicleTokens.connectionId, connection!.id));
    const reads = await Promise.all(Array.from({ length: 20 }, () => client.vehicleTokens!.getAccess(connection!.id)));
    expect(new Set(reads.map((access) => access.version))).toEqual(new Set([2]));
    expect(new Set(reads.map((access) => access.accessToken)).size).toBe(1);
    expect(reads[0]!.accessToken).not.toBe(pair.accessToken);
    expect((await client.v2Api.odometer(v2ref)).data.distance).toBeGreaterThan(0);
  });

  it("lists and deletes connections through the v2 management API", async () => {
    const all = await client.listManagementConnections();
    const seeded = [DEMO_OWNER, ...DEMO_FLEET_ACCOUNTS].flatMap((identity) => identity.vehicles.filter((vehicle) => vehicle.connected));
    expect(all.length).toBe(seeded.length);
    const target = FLEET.vehicles[0]!;
    const deleted = await client.deleteManagementConnections({ userId: FLEET.smartcarUserId, vehicleId: target.id });
    expect(deleted).toEqual([{ userId: FLEET.smartcarUserId, vehicleId: target.id }]);
    expect(await client.listManagementConnections({ userId: FLEET.smartcarUserId })).toHaveLength(FLEET.vehicles.length - 1);
    const gone = await caught(client.getVehicle({ userId: FLEET.smartcarUserId, vehicleId: target.id }));
    expect(gone.type).toBe("PERMISSION");
  });

  it("deletes a connection and removes a user through the v3 API", async () => {
    const [account, other] = [DEMO_FLEET_ACCOUNTS[1]!, DEMO_FLEET_ACCOUNTS[2]!];
    const before = await client.listConnections({ userId: account.smartcarUserId });
    await client.deleteConnection(before[0]!.id);
    const after = await client.listConnections({ userId: account.smartcarUserId });
    expect(after.map((connection) => connection.id)).toEqual(before.slice(1).map((connection) => connection.id));
    await client.removeUser(other.smartcarUserId);
    expect(await client.listConnections({ userId: other.smartcarUserId })).toEqual([]);
  });

  it("refuses wrong client credentials with a typed OAuth error", async () => {
    const wrong = clientFor(emulator, { clientSecret: "wrong" });
    await expect(wrong.getApplicationToken()).rejects.toMatchObject({ type: "OAUTH", code: "invalid_client", statusCode: 401 });
  });
});

describe("Smartcar client against a throttling emulator", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ vehicleRateLimit: { burst: 2, refillPerMinute: 60 } });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it("waits out a 429 RATE_LIMIT:VEHICLE retry-after and succeeds", async () => {
    const client = clientFor(emulator, { random: () => 0 });
    const ref = { userId: OWNER, vehicleId: CAR.id };
    await client.getVehicle(ref);
    await client.getVehicle(ref);
    // The raw API now throttles this car with a retry-after…
    const token = await client.getApplicationToken();
    const raw = await fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${CAR.id}`, { headers: { authorization: `Bearer ${token}`, "sc-user-id": OWNER } });
    const throttled = parseSmartcarError(raw.status, raw.headers, await raw.text());
    expect(throttled).toMatchObject({ type: "RATE_LIMIT", code: "VEHICLE", statusCode: 429 });
    expect(throttled.retryAfter).toBeGreaterThanOrEqual(1);
    // …which the client waits out instead of failing.
    const startedAt = Date.now();
    const vehicle = await client.getVehicle(ref);
    expect(vehicle.id).toBe(CAR.id);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(throttled.retryAfter! * 1000 - 50);
  });
});
