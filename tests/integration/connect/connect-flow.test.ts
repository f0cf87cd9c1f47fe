import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeConnectAttempt, createConnectAttempt, CONNECT_STATE_TTL_MS } from "@/lib/connect/attempts";
import { completeConnectCallback } from "@/lib/connect/callback";
import { connectResultPath } from "@/lib/connect/result";
import { ConnectStartError, startVehicleConnect } from "@/lib/connect/start";
import { refreshVehicleSignals } from "@/lib/fleet/refresh-signals";
import type { Database } from "@/lib/db";
import { connectAttempts, connections, smartcarUsers, users, vehicleErrors, vehicles, vehicleSignals, webhookDeliveries, webhookReplays } from "@/lib/db/schema";
import { DEMO_OWNER } from "@/lib/demo/identities";
import { accountVehicles, decide, logIn, parseAuthorize } from "@/lib/simulator/connect";
import { vehicleStatePayload } from "../webhooks/factories";
import { SmartcarClient } from "@/lib/smartcar";
import { startEmulator, type RunningEmulator } from "../../helpers/emulator";

let emulator: RunningEmulator;
let db: Database;
let smartcar: SmartcarClient;

async function createUser(email: string, role: "manager" | "owner" | "viewer") {
  const [user] = await db.insert(users).values({ email, role }).returning();
  return { id: user!.id, email, name: null, role };
}

/** What a person does on the emulator's Connect pages: log in with `email`, pick every car, Allow or Deny. */
async function walkConnect(authorizeUrl: string, email: string, allow = true): Promise<URL> {
  const parsed = parseAuthorize(emulator.simulator.ctx, new URL(authorizeUrl).searchParams);
  if (parsed.kind !== "ok") throw new Error(`authorize rejected: ${JSON.stringify(parsed)}`);
  const login = await logIn(emulator.simulator.ctx, parsed.request, "TESLA", email);
  if (login.kind === "redirect") return new URL(login.url);
  if (login.kind !== "session") throw new Error(login.message);
  const userId = JSON.parse(Buffer.from(login.session.split(".")[0]!, "base64url").toString()).userId as string;
  const cars = await accountVehicles(emulator.simulator.ctx, userId);
  return new URL(await decide(emulator.simulator.ctx, parsed.request, userId, allow, cars.map((car) => car.id), parsed.request.permissions));
}

beforeAll(async () => {
  emulator = await startEmulator();
  db = emulator.db.db;
  smartcar = new SmartcarClient({
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    managementToken: emulator.credentials.managementToken,
    redirectUri: emulator.credentials.redirectUri,
    hosts: emulator.hosts,
    scope: ["required:read_vehicle_info", "read_odometer", "read_battery"],
    connectMode: "simulated",
    rateLimit: { burst: 1000, refillPerMinute: 1000 },
    requestTimeoutMs: 5_000,
    maxAttempts: 2,
  });
});

afterAll(async () => {
  await emulator?.close();
});

describe("connect state", () => {
  it("is single-use, expires and belongs to the user who started it", async () => {
    const owner = await createUser("state-owner@example.com", "owner");
    const other = await createUser("state-other@example.com", "owner");
    const { state } = await createConnectAttempt(db, { purpose: "connect", startedBy: owner.id, ownerId: owner.id });

    expect(await consumeConnectAttempt(db, state, other.id)).toEqual({ ok: false, reason: "other_user" });
    expect(await consumeConnectAttempt(db, null, owner.id)).toEqual({ ok: false, reason: "missing" });
    expect(await consumeConnectAttempt(db, "forged-state", owner.id)).toEqual({ ok: false, reason: "unknown" });

    const racing = await Promise.all(Array.from({ length: 5 }, () => consumeConnectAttempt(db, state, owner.id)));
    expect(racing.filter((result) => result.ok)).toHaveLength(1);
    expect(racing.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(Array(4).fill("used"));

    const old = await createConnectAttempt(db, { purpose: "connect", startedBy: owner.id, ownerId: owner.id }, new Date(Date.now() - CONNECT_STATE_TTL_MS - 1_000));
    expect(await consumeConnectAttempt(db, old.state, owner.id)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("starting Connect", () => {
  it("lets owners connect for themselves and managers for a named owner, never viewers", async () => {
    const owner = await createUser("start-owner@example.com", "owner");
    const manager = await createUser("start-manager@example.com", "manager");
    const viewer = await createUser("start-viewer@example.com", "viewer");

    const url = new URL(await startVehicleConnect(db, smartcar, owner, { make: "TESLA" }));
    expect(url.origin + url.pathname).toBe(`${emulator.hosts.connect}/oauth/authorize`);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe(emulator.credentials.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(emulator.credentials.redirectUri);
    expect(url.searchParams.get("mode")).toBe("simulated");
    expect(url.searchParams.get("make")).toBe("TESLA");
    expect(url.searchParams.get("scope")).toBe("required:read_vehicle_info read_odometer read_battery");
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await expect(startVehicleConnect(db, smartcar, manager, {})).rejects.toThrow(ConnectStartError);
    await expect(startVehicleConnect(db, smartcar, manager, { ownerId: viewer.id })).rejects.toThrow("That owner does not exist.");
    const onBehalf = new URL(await startVehicleConnect(db, smartcar, manager, { ownerId: owner.id }));
    const [attempt] = await db.select().from(connectAttempts).where(eq(connectAttempts.startedBy, manager.id));
    expect(attempt?.ownerId).toBe(owner.id);
    expect(onBehalf.searchParams.get("user")).toBe(owner.id);
    await expect(startVehicleConnect(db, smartcar, viewer, {})).rejects.toThrow(ConnectStartError);
  });
});

describe("the Connect callback", () => {
  it("imports the chosen vehicles over the v3 API and stores the Smartcar user against the owner", async () => {
    const owner = await createUser("callback-owner@example.com", "owner");
    const authorizeUrl = await startVehicleConnect(db, smartcar, owner, {});
    const redirect = await walkConnect(authorizeUrl, "2-vehicles@smartcar.com");
    expect(redirect.searchParams.get("code")).toBeTruthy();

    const outcome = await completeConnectCallback(db, smartcar, owner.id, redirect);
    expect(outcome.kind).toBe("connected");
    if (outcome.kind !== "connected") return;
    expect(outcome.vehicleIds).toHaveLength(2);

    const smartcarUserId = redirect.searchParams.get("user_id")!;
    const [mapping] = await db.select().from(smartcarUsers).where(eq(smartcarUsers.id, smartcarUserId));
    expect(mapping?.userId).toBe(owner.id);
    const owned = await db.select().from(connections).where(eq(connections.ownerId, owner.id));
    expect(owned).toHaveLength(2);
    expect(owned.every((connection) => connection.status === "active" && connection.permissions.includes("read_vehicle_info"))).toBe(true);
    // Signals are read right away, so the vehicle page has battery and odometer before any webhook.
    const stored = await db.select().from(vehicleSignals).where(inArray(vehicleSignals.vehicleId, outcome.vehicleIds));
    expect(stored.some((signal) => signal.code === "odometer-traveleddistance")).toBe(true);

    // The same return trip presented again stores nothing more.
    expect(await completeConnectCallback(db, smartcar, owner.id, redirect)).toEqual({ kind: "invalid_state", reason: "used" });
  });

  it("applies webhook events that arrived before the car was connected", async () => {
    const owner = await createUser("early-events@example.com", "owner");
    const parsed = parseAuthorize(emulator.simulator.ctx, new URL(await startVehicleConnect(db, smartcar, owner, {})).searchParams);
    if (parsed.kind !== "ok") throw new Error("authorize rejected");
    const login = await logIn(emulator.simulator.ctx, parsed.request, "TESLA", "early-events@example.com");
    if (login.kind !== "session") throw new Error("login failed");
    const smartcarUserId = JSON.parse(Buffer.from(login.session.split(".")[0]!, "base64url").toString()).userId as string;
    const [car] = await accountVehicles(emulator.simulator.ctx, smartcarUserId);

    // Smartcar's FIRST_DELIVERY can beat the Connect callback: the worker kept it as unmatched.
    const early = vehicleStatePayload({
      vehicleId: car!.id,
      userId: smartcarUserId,
      readings: [{ code: "tractionbattery-stateofcharge", value: 42, unit: "percent", oemUpdatedAt: Date.now() + 3_600_000 }],
    });
    const [stored] = await db
      .insert(webhookDeliveries)
      .values({ eventId: early.eventId, eventType: "VEHICLE_STATE", smartcarVehicleId: car!.id, rawBody: JSON.stringify(early), status: "unmatched" })
      .returning();

    const redirect = new URL(await decide(emulator.simulator.ctx, parsed.request, smartcarUserId, true, [car!.id], parsed.request.permissions));
    const outcome = await completeConnectCallback(db, smartcar, owner.id, redirect);
    if (outcome.kind !== "connected") throw new Error(outcome.kind);

    const [replayed] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, stored!.id));
    expect(replayed?.status).toBe("processed");
    const [replay] = await db.select().from(webhookReplays).where(eq(webhookReplays.deliveryId, stored!.id));
    expect(replay).toMatchObject({ reason: "vehicle_connected", replayedBy: null, status: "processed" });
    const [battery] = await db
      .select()
      .from(vehicleSignals)
      .where(and(eq(vehicleSignals.vehicleId, outcome.vehicleIds[0]!), eq(vehicleSignals.code, "tractionbattery-stateofcharge")));
    expect(battery?.body).toMatchObject({ value: 42 });
  });

  it("keeps one vehicle row when a car is connected again or by a second owner", async () => {
    const first = await createUser("first-owner@example.com", "owner");
    const second = await createUser("second-owner@example.com", "owner");
    const oemLogin = DEMO_OWNER.oemEmail;
    for (const owner of [first, first, second]) {
      const redirect = await walkConnect(await startVehicleConnect(db, smartcar, owner, {}), oemLogin);
      expect((await completeConnectCallback(db, smartcar, owner.id, redirect)).kind).toBe("connected");
    }
    const demoCar = DEMO_OWNER.vehicles[0]!;
    const rows = await db.select().from(vehicles).where(eq(vehicles.smartcarVehicleId, demoCar.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ make: demoCar.make, model: demoCar.model, year: demoCar.year, nickname: demoCar.nickname });
    const links = await db.select().from(connections).where(eq(connections.vehicleId, rows[0]!.id));
    // One Smartcar user (the OEM account) holds the car: the latest owner to connect it owns that link.
    expect(links).toHaveLength(1);
    expect(links[0]!.ownerId).toBe(second.id);
    const [account] = await db.select().from(smartcarUsers).where(eq(smartcarUsers.id, DEMO_OWNER.smartcarUserId));
    expect(account?.userId).toBe(second.id);
  });

  it("stores nothing for a forged state and sends every Connect error to a plain-words page", async () => {
    const owner = await createUser("error-owner@example.com", "owner");
    const before = await db.select().from(vehicles);

    const forged = new URL(`${emulator.credentials.redirectUri}?code=abc&user_id=u1&state=forged`);
    expect(await completeConnectCallback(db, smartcar, owner.id, forged)).toEqual({ kind: "invalid_state", reason: "unknown" });

    const denied = await walkConnect(await startVehicleConnect(db, smartcar, owner, {}), "someone@example.com", false);
    const deniedOutcome = await completeConnectCallback(db, smartcar, owner.id, denied);
    expect(deniedOutcome).toMatchObject({ kind: "connect_error", error: "access_denied" });
    expect(connectResultPath(deniedOutcome)).toMatch(/^\/connect\/result\?error=access_denied/);

    for (const [email, error] of [
      ["smartcar@invalid-subscription.com", "invalid_subscription"],
      ["smartcar@vehicle-incompatible.com", "vehicle_incompatible"],
      ["0-vehicles@smartcar.com", "no_vehicles"],
      ["smartcar@server-error.com", "server_error"],
    ] as const) {
      const redirect = await walkConnect(await startVehicleConnect(db, smartcar, owner, {}), email);
      const outcome = await completeConnectCallback(db, smartcar, owner.id, redirect);
      expect(outcome).toMatchObject({ kind: "connect_error", error });
    }

    const state = (await createConnectAttempt(db, { purpose: "connect", startedBy: owner.id, ownerId: owner.id })).state;
    const configuration = new URL(
      `${emulator.credentials.redirectUri}?error=configuration_error&error_description=bad&status_code=400&error_message=Test+VIN+in+live+mode&state=${state}`,
    );
    const configurationOutcome = await completeConnectCallback(db, smartcar, owner.id, configuration);
    expect(configurationOutcome).toMatchObject({ kind: "connect_error", error: "configuration_error", statusCode: 400, errorMessage: "Test VIN in live mode" });
    expect(connectResultPath(configurationOutcome)).toContain("error_message=Test+VIN+in+live+mode");

    expect(await db.select().from(vehicles)).toHaveLength(before.length);
    const owned = await db.select().from(connections).where(and(eq(connections.ownerId, owner.id)));
    expect(owned).toHaveLength(0);
  });
});

describe("refresh now", () => {
  it("reads signals through the v3 API for owners and managers, never for viewers or other owners", async () => {
    const owner = await createUser("refresh-owner@example.com", "owner");
    const stranger = await createUser("refresh-stranger@example.com", "owner");
    const manager = await createUser("refresh-manager@example.com", "manager");
    const viewer = await createUser("refresh-viewer@example.com", "viewer");
    const redirect = await walkConnect(await startVehicleConnect(db, smartcar, owner, {}), "1-vehicles@smartcar.com");
    const outcome = await completeConnectCallback(db, smartcar, owner.id, redirect);
    if (outcome.kind !== "connected") throw new Error(outcome.kind);
    const vehicleId = outcome.vehicleIds[0]!;

    expect(await refreshVehicleSignals(db, smartcar, owner, vehicleId)).toMatchObject({ kind: "refreshed" });
    expect(await refreshVehicleSignals(db, smartcar, manager, vehicleId)).toMatchObject({ kind: "refreshed" });
    expect(await refreshVehicleSignals(db, smartcar, viewer, vehicleId)).toEqual({ kind: "forbidden" });
    expect(await refreshVehicleSignals(db, smartcar, stranger, vehicleId)).toEqual({ kind: "not_found" });
  });

  it("explains a Smartcar error and records it in the error center", async () => {
    const owner = await createUser("refresh-failing@example.com", "owner");
    const redirect = await walkConnect(await startVehicleConnect(db, smartcar, owner, {}), "1-vehicles@smartcar.com");
    const outcome = await completeConnectCallback(db, smartcar, owner.id, redirect);
    if (outcome.kind !== "connected") throw new Error(outcome.kind);
    const vehicleId = outcome.vehicleIds[0]!;
    const [vehicle] = await db.select().from(vehicles).where(eq(vehicles.id, vehicleId));

    const injected = await fetch(`${emulator.baseUrl}/control/vehicles/${vehicle!.smartcarVehicleId}/errors`, {
      method: "POST",
      headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
      body: JSON.stringify({ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED" }),
    });
    expect(injected.ok).toBe(true);

    const failed = await refreshVehicleSignals(db, smartcar, owner, vehicleId);
    expect(failed).toMatchObject({ kind: "smartcar_error", type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", resolution: "REAUTHENTICATE" });
    const errors = await db.select().from(vehicleErrors).where(and(eq(vehicleErrors.vehicleId, vehicleId), eq(vehicleErrors.state, "open")));
    expect(errors).toEqual([expect.objectContaining({ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", source: "api" })]);
  });
});
