import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_OWNER } from "@/lib/demo/identities";
import { hashChallenge, verifySignature } from "@/lib/smartcar/webhook-crypto";
import { startEmulator, type RunningEmulator } from "../../helpers/emulator";

interface Received {
  raw: string;
  headers: Record<string, string | string[] | undefined>;
  body: {
    eventId: string;
    eventType: string;
    vehicleId?: string;
    data: Record<string, unknown> & { challenge?: string; triggers?: { code: string }[]; signals?: unknown[]; errors?: { type: string; code: string; state: string }[] };
    meta: Record<string, unknown>;
  };
}

describe("emulator webhook dispatcher", () => {
  let emulator: RunningEmulator;
  let receiver: Server;
  let received: Received[] = [];
  let failAll = false;
  const amt = () => emulator.credentials.managementToken;

  const control = (path: string, body?: unknown) =>
    fetch(`${emulator.baseUrl}/control/${path}`, {
      method: "POST",
      headers: { authorization: emulator.managementAuthorization, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const dispatch = async () => expect((await control("dispatch")).status).toBe(200);

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const body = JSON.parse(raw) as Received["body"];
        received.push({ raw, headers: request.headers, body });
        if (body.eventType === "VERIFY") {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify({ challenge: hashChallenge(amt(), body.data.challenge!) }));
          return;
        }
        response.writeHead(failAll ? 500 : 204);
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    emulator = await startEmulator({ webhookUrl: `http://127.0.0.1:${port}/api/webhooks/smartcar` });
  });
  afterAll(async () => {
    await emulator?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });
  beforeEach(() => {
    received = [];
    failAll = false;
  });

  it("verifies the callback with the documented HMAC challenge, then sends signed FIRST_DELIVERY events", async () => {
    await dispatch();
    const verify = received.find((item) => item.body.eventType === "VERIFY");
    expect(verify).toBeDefined();
    expect(verify!.body.vehicleId).toBeUndefined();
    expect(verify!.body.meta).toMatchObject({ version: "4.0", webhookId: expect.any(String), deliveryId: expect.any(String), deliveredAt: expect.any(Number) });
    const state = await (await fetch(`${emulator.baseUrl}/control/state`, { headers: { authorization: emulator.managementAuthorization } })).json();
    expect(state.webhook.verified).toBe(true);

    await dispatch();
    const first = received.filter((item) => item.body.eventType === "VEHICLE_STATE");
    expect(first).toHaveLength(24);
    for (const item of first) {
      expect(verifySignature(amt(), item.raw, item.headers["sc-signature"] as string)).toBe(true);
      expect(item.raw).toBe(JSON.stringify(JSON.parse(item.raw)));
      expect(item.headers["content-type"]).toBe("application/json");
      expect(item.headers["user-agent"]).toMatch(/^Smartcar\//);
      expect(item.body.data.triggers).toEqual([{ code: "FIRST_DELIVERY" }]);
      expect(item.body.meta).toMatchObject({ version: "4.0", signalCount: item.body.data.signals!.length, mode: "SIMULATED" });
    }
    const owned = first.find((item) => item.body.vehicleId === DEMO_OWNER.vehicles[0]!.id)!;
    expect(owned.body.data.user).toEqual({ id: DEMO_OWNER.smartcarUserId });
    expect(owned.body.data.vehicle).toMatchObject({ id: DEMO_OWNER.vehicles[0]!.id, make: "TESLA", model: "Model 3" });
    expect(owned.body.data.signals).toContainEqual(
      expect.objectContaining({ code: "tractionbattery-stateofcharge", name: "StateOfCharge", group: "TractionBattery", status: { value: "SUCCESS" } }),
    );
  });

  it("sends VEHICLE_STATE with the changed trigger when a command changes the car", async () => {
    const vehicle = DEMO_OWNER.vehicles[0]!;
    // Open then close a door so the car is awake and unlocked state is known.
    await control(`vehicles/${vehicle.id}/actions`, { action: "wake" });
    await control(`vehicles/${vehicle.id}/actions`, { action: "open-door" });
    await control(`vehicles/${vehicle.id}/actions`, { action: "close-door" });
    await dispatch();
    received = [];
    const tokenResponse = await fetch(`${emulator.hosts.iam}/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }),
    });
    const { access_token } = await tokenResponse.json();
    const lock = await fetch(`${emulator.hosts.vehicleApi}/v3/vehicles/${vehicle.id}/commands/security/lock`, {
      method: "POST",
      headers: { authorization: `Bearer ${access_token}`, "sc-user-id": DEMO_OWNER.smartcarUserId },
    });
    expect(lock.status).toBe(200);
    expect(await lock.json()).toMatchObject({ data: { type: "command-execution", attributes: { commandType: "security-lock", status: { value: "SUCCESS" } } } });
    await dispatch();
    const event = received.find((item) => item.body.vehicleId === vehicle.id && item.body.eventType === "VEHICLE_STATE");
    expect(event?.body.data.triggers).toContainEqual({ code: "closure-islocked", name: "IsLocked", group: "Closure" });
  });

  it("sends a door, window or trunk change as a trigger of its own, with the new closure readings", async () => {
    const vehicle = DEMO_OWNER.vehicles[1]!;
    await control(`vehicles/${vehicle.id}/actions`, { action: "wake" });
    await dispatch();
    const changes = [
      ["open-door", "closure-doors"],
      ["close-door", "closure-doors"],
      ["open-window", "closure-windows"],
      ["close-window", "closure-windows"],
      ["open-trunk", "closure-reartrunk"],
      ["close-trunk", "closure-reartrunk"],
    ] as const;
    for (const [action, trigger] of changes) {
      received = [];
      expect((await control(`vehicles/${vehicle.id}/actions`, { action })).status).toBe(200);
      await dispatch();
      const event = received.find((item) => item.body.vehicleId === vehicle.id && item.body.eventType === "VEHICLE_STATE");
      expect(event?.body.data.triggers, action).toContainEqual(expect.objectContaining({ code: trigger, group: "Closure" }));
      const signals = event!.body.data.signals as { code: string; body: { isOpen?: boolean; values?: { isOpen: boolean }[] } }[];
      const reading = signals.find((signal) => signal.code === trigger)!;
      const open = reading.body.values ? reading.body.values.some((item) => item.isOpen) : reading.body.isOpen;
      expect(open, action).toBe(action.startsWith("open"));
      // Every event carries all closures, so the lock and the doors are always read together.
      for (const code of ["closure-islocked", "closure-doors", "closure-windows", "closure-reartrunk", "closure-fronttrunk"]) {
        expect(signals.some((signal) => signal.code === code), `${action} carries ${code}`).toBe(true);
      }
    }
  });

  it("sends VEHICLE_ERROR on an injected error and RESOLVED when it is cleared", async () => {
    const vehicle = DEMO_OWNER.vehicles[1]!;
    const injected = await control(`vehicles/${vehicle.id}/errors`, { type: "VEHICLE_STATE", code: "UNREACHABLE" });
    expect(injected.status).toBe(201);
    await dispatch();
    const error = received.find((item) => item.body.eventType === "VEHICLE_ERROR");
    expect(error?.body.vehicleId).toBe(vehicle.id);
    expect(error?.body.data.errors?.[0]).toMatchObject({ type: "VEHICLE_STATE", code: "UNREACHABLE", state: "ERROR", resolution: { type: "RETRY_LATER" } });
    expect(verifySignature(amt(), error!.raw, error!.headers["sc-signature"] as string)).toBe(true);

    received = [];
    const cleared = await fetch(`${emulator.baseUrl}/control/vehicles/${vehicle.id}/errors`, { method: "DELETE", headers: { authorization: emulator.managementAuthorization } });
    expect(cleared.status).toBe(200);
    await dispatch();
    expect(received.find((item) => item.body.eventType === "VEHICLE_ERROR")?.body.data.errors?.[0]?.state).toBe("RESOLVED");
  });

  it("retries a failed delivery with the same eventId and a new deliveryId, and drops it after the fourth failure", async () => {
    failAll = true;
    await control(`vehicles/${DEMO_OWNER.vehicles[0]!.id}/errors`, { type: "VEHICLE_STATE", code: "ASLEEP" });
    const seen: Received[] = [];
    for (let round = 0; round < 8; round++) {
      await dispatch();
      seen.push(...received.splice(0).filter((item) => item.body.eventType === "VEHICLE_ERROR"));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const eventIds = new Set(seen.map((item) => item.body.eventId));
    expect(eventIds.size).toBe(1);
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((item) => item.body.meta.deliveryId)).size).toBe(4);
    const state = await (await fetch(`${emulator.baseUrl}/control/state`, { headers: { authorization: emulator.managementAuthorization } })).json();
    expect(state.webhook.recent.find((event: { eventId: string }) => event.eventId === [...eventIds][0])).toMatchObject({ status: "dropped", attempts: 4 });
  });
});
