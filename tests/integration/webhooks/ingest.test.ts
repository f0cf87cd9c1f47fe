import { createHmac } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signalHistory, users, vehicleErrors, vehicles, vehicleSignals, webhookDeliveries, webhookRejections, webhookReplays } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import { replayDelivery } from "@/lib/webhooks/worker";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";
import { redelivery, vehicleErrorPayload, vehicleStatePayload, type SignalReading } from "./factories";
import { postSigned, seedVehicle, startHarness, TEST_AMT, vehicleState, waitFor, type Harness } from "./harness";

const BASE_TIME = Date.UTC(2026, 10, 1, 12, 0, 0);

describe.each(DATABASE_KINDS)("webhook ingest over HTTP on %s", (kind) => {
  let database: TestDatabase;
  let harness: Harness;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    harness = await startHarness(database);
  });
  afterAll(async () => {
    await harness?.close();
    await database?.close();
  });

  const db = () => database.handle.db;
  const deliveriesFor = (eventId: string) => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
  const settled = (eventId: string, expected: number) =>
    waitFor(
      () => deliveriesFor(eventId),
      (rows) => rows.length === expected && rows.every((row) => row.status !== "pending"),
    );

  it("answers VERIFY with the HMAC of the challenge keyed by the management token", async () => {
    const challenge = "d1d6d3a0-4f3c-4a6e-9d55-3f1b2c4d5e6f";
    const payload = { eventId: "verify-1", eventType: "VERIFY", data: { challenge }, meta: { version: "4.0", webhookId: "wh-1", deliveryId: "d-1", deliveredAt: BASE_TIME } };
    const expected = createHmac("sha256", TEST_AMT).update(challenge).digest("hex");
    for (const signature of [undefined, null] as const) {
      const response = await postSigned(harness.url, payload, { signature });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ challenge: expected });
    }
  });

  it("refuses a VERIFY whose challenge is JSON, so it cannot be used to sign forged events", async () => {
    const forged = JSON.stringify(vehicleStatePayload({ vehicleId: "v-forged", readings: [] }));
    const response = await postSigned(harness.url, { eventId: "verify-2", eventType: "VERIFY", data: { challenge: forged }, meta: {} }, { signature: null });
    expect(response.status).toBe(400);
    expect(response.body).not.toHaveProperty("challenge");
  });

  it("rejects bad signatures, oversized and malformed bodies without storing or applying anything", async () => {
    await seedVehicle(db(), "v-reject", "sc-user-reject");
    const payload = vehicleStatePayload({ vehicleId: "v-reject", userId: "sc-user-reject", readings: [{ code: "tractionbattery-stateofcharge", value: 50, unit: "percent", oemUpdatedAt: BASE_TIME }] });
    const rejectionsBefore = await db().select({ reason: webhookRejections.reason }).from(webhookRejections);

    expect((await postSigned(harness.url, payload, { amt: "someone-elses-token" })).status).toBe(401);
    expect((await postSigned(harness.url, payload, { signature: null })).status).toBe(401);
    expect((await postSigned(harness.url, payload, { signature: "zz" })).status).toBe(401);
    const padded = { ...payload, data: { ...payload.data, padding: "x".repeat(51 * 1024) } };
    expect((await postSigned(harness.url, padded)).status).toBe(413);
    expect((await postSigned(harness.url, null, { raw: '{"eventId": "broken", "eventType": "VEHICLE_STATE", ' })).status).toBe(400);
    expect((await postSigned(harness.url, { eventId: "no-data", eventType: "VEHICLE_STATE", vehicleId: "v-reject" })).status).toBe(400);
    expect((await postSigned(harness.url, { ...payload, data: { ...payload.data, signals: "not-a-list" } })).status).toBe(400);

    const stored = await deliveriesFor(payload.eventId);
    expect(stored).toHaveLength(0);
    const signals = await db().select().from(vehicleSignals).innerJoin(vehicles, eq(vehicles.id, vehicleSignals.vehicleId)).where(eq(vehicles.smartcarVehicleId, "v-reject"));
    expect(signals).toHaveLength(0);
    const reasons = await waitFor(
      () => db().select({ reason: webhookRejections.reason }).from(webhookRejections),
      (rows) => rows.length - rejectionsBefore.length === 7,
    );
    expect(reasons.slice(rejectionsBefore.length).map((row) => row.reason).sort()).toEqual(
      ["invalid_shape", "invalid_shape", "malformed_json", "signature_invalid", "signature_invalid", "signature_missing", "too_large"],
    );
  });

  it("stores and acknowledges an unknown event type, marked unhandled", async () => {
    const response = await postSigned(harness.url, { eventId: "future-1", eventType: "VEHICLE_TRIP_SUMMARY", vehicleId: "v-x", data: { trips: [] }, meta: { version: "4.0" } });
    expect(response.status).toBe(200);
    const [row] = await deliveriesFor("future-1");
    expect(row?.status).toBe("unhandled");
    expect(row?.eventType).toBe("VEHICLE_TRIP_SUMMARY");
  });

  it("applies VEHICLE_STATE to latest signals, history and the vehicle, routed to the owner", async () => {
    const { vehicleId, ownerId } = await seedVehicle(db(), "v-state", "sc-user-state");
    const seen: LiveEvent[] = [];
    const unsubscribe = harness.hub.subscribe((event) => seen.push(event));
    const payload = vehicleStatePayload({
      vehicleId: "v-state",
      userId: "sc-user-state",
      readings: [
        { code: "tractionbattery-stateofcharge", value: 78, unit: "percent", oemUpdatedAt: BASE_TIME },
        { code: "odometer-traveleddistance", value: 12_345, unit: "kilometers", oemUpdatedAt: BASE_TIME - 60_000 },
      ],
    });
    expect((await postSigned(harness.url, payload)).status).toBe(200);
    const [row] = await settled(payload.eventId, 1);
    expect(row).toMatchObject({ status: "processed", vehicleId, userId: ownerId });
    expect(row?.result).toMatchObject({ routing: "matched", signalsApplied: 2, historyAdded: 2 });

    const latest = await db().select().from(vehicleSignals).where(eq(vehicleSignals.vehicleId, vehicleId));
    expect(Object.fromEntries(latest.map((signal) => [signal.code, signal.body]))).toEqual({
      "tractionbattery-stateofcharge": { unit: "percent", value: 78 },
      "odometer-traveleddistance": { unit: "kilometers", value: 12_345 },
    });
    const [vehicle] = await db().select().from(vehicles).where(eq(vehicles.id, vehicleId));
    expect(vehicle?.lastSignalAt?.getTime()).toBe(BASE_TIME);
    await waitFor(async () => seen, (events) => events.some((event) => event.type === "vehicle" && event.vehicleId === vehicleId));
    unsubscribe();
  });

  it("applies an event delivered three times exactly once", async () => {
    const { vehicleId } = await seedVehicle(db(), "v-dup", "sc-user-dup");
    const first = vehicleStatePayload({ vehicleId: "v-dup", userId: "sc-user-dup", readings: [{ code: "tractionbattery-stateofcharge", value: 40, unit: "percent", oemUpdatedAt: BASE_TIME }] });
    const second = redelivery(first);
    const third = redelivery(second);
    const statuses = await Promise.all([first, second, third].map((payload) => postSigned(harness.url, payload)));
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 200]);

    const rows = await settled(first.eventId, 3);
    expect(rows.map((row) => row.status).sort()).toEqual(["duplicate", "duplicate", "processed"]);
    const [history] = await db().select({ n: count() }).from(signalHistory).where(eq(signalHistory.vehicleId, vehicleId));
    expect(history?.n).toBe(1);
  });

  it("reaches the same final state from 50 shuffled events as from the same events in order", async () => {
    const inOrder = await seedVehicle(db(), "v-ordered", "sc-user-ordered");
    const shuffled = await seedVehicle(db(), "v-shuffled", "sc-user-shuffled");
    const readingsAt = (index: number): SignalReading[] => [
      { code: "tractionbattery-stateofcharge", value: 20 + index, unit: "percent", oemUpdatedAt: BASE_TIME + index * 60_000 },
      // Odometer readings repeat every 5 events, so some events carry a reading already stored.
      { code: "odometer-traveleddistance", value: 1_000 + Math.floor(index / 5), unit: "kilometers", oemUpdatedAt: BASE_TIME + Math.floor(index / 5) * 300_000 },
    ];
    const build = (smartcarVehicleId: string, userId: string) =>
      Array.from({ length: 50 }, (_, index) => vehicleStatePayload({ vehicleId: smartcarVehicleId, userId, readings: readingsAt(index) }));
    const ordered = build("v-ordered", "sc-user-ordered");
    const mixed = build("v-shuffled", "sc-user-shuffled");
    // Deterministic Fisher–Yates so a failure can be reproduced.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let index = mixed.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [mixed[index], mixed[other]] = [mixed[other]!, mixed[index]!];
    }

    for (const payload of ordered) expect((await postSigned(harness.url, payload)).status).toBe(200);
    await Promise.all(mixed.map(async (payload) => expect((await postSigned(harness.url, payload)).status).toBe(200)));
    await Promise.all([...ordered, ...mixed].map((payload) => settled(payload.eventId, 1)));

    const state = await vehicleState(db());
    const project = (vehicleId: string) => ({
      latest: state.latest.filter((row) => row.vehicleId === vehicleId).map(({ code, body, oemUpdatedAt }) => ({ code, body, oemUpdatedAt })),
      history: state.history.filter((row) => row.vehicleId === vehicleId).map(({ code, body, oemUpdatedAt }) => ({ code, body, oemUpdatedAt })),
    });
    const expected = project(inOrder.vehicleId);
    expect(expected.latest).toEqual([
      { code: "odometer-traveleddistance", body: { unit: "kilometers", value: 1_009 }, oemUpdatedAt: new Date(BASE_TIME + 9 * 300_000) },
      { code: "tractionbattery-stateofcharge", body: { unit: "percent", value: 69 }, oemUpdatedAt: new Date(BASE_TIME + 49 * 60_000) },
    ]);
    expect(expected.history).toHaveLength(60);
    expect(project(shuffled.vehicleId)).toEqual(expected);
  });

  it("keeps one vehicle consistent under 20 concurrent deliveries", async () => {
    const { vehicleId } = await seedVehicle(db(), "v-burst", "sc-user-burst");
    const payloads = Array.from({ length: 20 }, (_, index) =>
      vehicleStatePayload({
        vehicleId: "v-burst",
        userId: "sc-user-burst",
        readings: [
          { code: "tractionbattery-stateofcharge", value: index, unit: "percent", oemUpdatedAt: BASE_TIME + index * 1_000 },
          { code: "charge-ischarging", value: index % 2 === 0, oemUpdatedAt: BASE_TIME + index * 1_000 },
        ],
      }),
    ).reverse();
    const responses = await Promise.all(payloads.map((payload) => postSigned(harness.url, payload)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await Promise.all(payloads.map((payload) => settled(payload.eventId, 1)));

    const latest = await db().select().from(vehicleSignals).where(eq(vehicleSignals.vehicleId, vehicleId));
    expect(Object.fromEntries(latest.map((signal) => [signal.code, signal.body]))).toEqual({
      "tractionbattery-stateofcharge": { unit: "percent", value: 19 },
      "charge-ischarging": { value: false },
    });
    const [history] = await db().select({ n: count() }).from(signalHistory).where(eq(signalHistory.vehicleId, vehicleId));
    expect(history?.n).toBe(40);
    const [vehicle] = await db().select().from(vehicles).where(eq(vehicles.id, vehicleId));
    expect(vehicle?.lastSignalAt?.getTime()).toBe(BASE_TIME + 19_000);
    // Batches were applied on the fast path, not one by one after a failure.
    expect(harness.problems).toEqual([]);
  });

  it("keeps events for unknown vehicles as unmatched, and applies them on replay once the vehicle exists", async () => {
    const payload = vehicleStatePayload({ vehicleId: "v-later", userId: "sc-user-later", readings: [{ code: "tractionbattery-stateofcharge", value: 61, unit: "percent", oemUpdatedAt: BASE_TIME }] });
    expect((await postSigned(harness.url, payload)).status).toBe(200);
    const [row] = await settled(payload.eventId, 1);
    expect(row).toMatchObject({ status: "unmatched", vehicleId: null });
    expect(row?.rawBody).toBe(JSON.stringify(payload));

    const { vehicleId } = await seedVehicle(db(), "v-later", "sc-user-later");
    expect(await replayDelivery(db(), harness.hub, row!.id)).toBe("processed");
    const latest = await db().select().from(vehicleSignals).where(eq(vehicleSignals.vehicleId, vehicleId));
    expect(latest.map((signal) => signal.body)).toEqual([{ unit: "percent", value: 61 }]);
    const [replayed] = await deliveriesFor(payload.eventId);
    expect(replayed?.replayedAt).toBeInstanceOf(Date);
    // The delivery keeps its first processing (time, attempts, result); the replay is recorded apart.
    expect(replayed).toMatchObject({ status: "processed", vehicleId, processedAt: row!.processedAt, attempts: row!.attempts, result: row!.result });
    const replays = await db().select().from(webhookReplays).where(eq(webhookReplays.deliveryId, row!.id));
    expect(replays).toEqual([expect.objectContaining({ reason: "manual", replayedBy: null, status: "processed", result: expect.objectContaining({ signalsApplied: 1 }) })]);
    expect(await replayDelivery(db(), harness.hub, 987_654_321)).toBeNull();
  });

  it("replaying a processed delivery keeps its original latency and records each replay", async () => {
    await seedVehicle(db(), "v-replay", "sc-user-replay");
    const payload = vehicleStatePayload({ vehicleId: "v-replay", userId: "sc-user-replay", readings: [{ code: "odometer-traveleddistance", value: 1200, unit: "kilometers", oemUpdatedAt: BASE_TIME }] });
    expect((await postSigned(harness.url, payload)).status).toBe(200);
    const [first] = await settled(payload.eventId, 1);
    expect(first?.status).toBe("processed");
    const latency = first!.processedAt!.getTime() - first!.receivedAt.getTime();

    await new Promise((resolve) => setTimeout(resolve, 50));
    const [user] = await db().insert(users).values({ email: "replayer@example.test", role: "manager" }).returning();
    expect(await replayDelivery(db(), harness.hub, first!.id, { reason: "manual", userId: user!.id })).toBe("processed");
    expect(await replayDelivery(db(), harness.hub, first!.id)).toBe("processed");
    const [after] = await deliveriesFor(payload.eventId);
    expect(after!.processedAt!.getTime() - after!.receivedAt.getTime()).toBe(latency);
    expect(after).toMatchObject({ attempts: first!.attempts, result: first!.result });
    const replays = await db().select().from(webhookReplays).where(eq(webhookReplays.deliveryId, first!.id)).orderBy(webhookReplays.id);
    expect(replays.map((replay) => [replay.replayedBy, replay.status, replay.result])).toEqual([
      [user!.id, "processed", expect.objectContaining({ signalsApplied: 0, historyAdded: 0 })],
      [null, "processed", expect.objectContaining({ signalsApplied: 0 })],
    ]);
    expect(replays.every((replay) => replay.durationMs >= 0 && replay.replayedAt > after!.processedAt!)).toBe(true);
  });

  it("opens, refreshes and resolves vehicle errors, and closes them on a newer successful reading", async () => {
    const { vehicleId } = await seedVehicle(db(), "v-error", "sc-user-error");
    const openErrors = () => db().select().from(vehicleErrors).where(eq(vehicleErrors.smartcarVehicleId, "v-error"));

    const unreachable = vehicleErrorPayload({ vehicleId: "v-error", userId: "sc-user-error", type: "VEHICLE_STATE", code: "UNREACHABLE", deliveredAt: BASE_TIME });
    const again = vehicleErrorPayload({ vehicleId: "v-error", userId: "sc-user-error", type: "VEHICLE_STATE", code: "UNREACHABLE", deliveredAt: BASE_TIME + 60_000 });
    const permission = vehicleErrorPayload({ vehicleId: "v-error", userId: "sc-user-error", type: "CONNECTED_SERVICES_ACCOUNT", code: "PERMISSION", signals: ["location-isathome"], deliveredAt: BASE_TIME });
    for (const payload of [unreachable, again, permission]) {
      expect((await postSigned(harness.url, payload)).status).toBe(200);
      await settled(payload.eventId, 1);
    }
    let errors = await openErrors();
    expect(errors).toHaveLength(2);
    const reachability = errors.find((error) => error.code === "UNREACHABLE");
    expect(reachability).toMatchObject({ state: "open", occurrences: 2, vehicleId, suggestedUserMessage: "Make sure your car is online.", resolutionType: "RETRY_LATER" });
    expect(reachability?.lastSeenAt.getTime()).toBe(BASE_TIME + 60_000);

    // An older reading proves nothing; a newer one shows the car answered. The permission error needs a person.
    const older = vehicleStatePayload({ vehicleId: "v-error", userId: "sc-user-error", readings: [{ code: "tractionbattery-stateofcharge", value: 30, unit: "percent", oemUpdatedAt: BASE_TIME - 1_000 }] });
    expect((await postSigned(harness.url, older)).status).toBe(200);
    await settled(older.eventId, 1);
    expect((await openErrors()).filter((error) => error.state === "open")).toHaveLength(2);

    const newer = vehicleStatePayload({ vehicleId: "v-error", userId: "sc-user-error", readings: [{ code: "tractionbattery-stateofcharge", value: 31, unit: "percent", oemUpdatedAt: BASE_TIME + 120_000 }] });
    expect((await postSigned(harness.url, newer)).status).toBe(200);
    await settled(newer.eventId, 1);
    errors = await openErrors();
    expect(errors.find((error) => error.code === "UNREACHABLE")?.state).toBe("resolved");
    expect(errors.find((error) => error.code === "PERMISSION")?.state).toBe("open");

    // The permission error named location-isathome: a newer successful reading of it closes the error.
    const location = vehicleStatePayload({ vehicleId: "v-error", userId: "sc-user-error", readings: [{ code: "location-isathome", value: true, oemUpdatedAt: BASE_TIME + 180_000 }] });
    expect((await postSigned(harness.url, location)).status).toBe(200);
    await settled(location.eventId, 1);
    expect((await openErrors()).find((error) => error.code === "PERMISSION")?.state).toBe("resolved");

    const compatibility = vehicleErrorPayload({ vehicleId: "v-error", userId: "sc-user-error", type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE", deliveredAt: BASE_TIME + 200_000 });
    const resolved = vehicleErrorPayload({ vehicleId: "v-error", userId: "sc-user-error", type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE", state: "RESOLVED", deliveredAt: BASE_TIME + 260_000 });
    for (const payload of [compatibility, resolved]) {
      expect((await postSigned(harness.url, payload)).status).toBe(200);
      await settled(payload.eventId, 1);
    }
    expect((await openErrors()).find((error) => error.code === "VEHICLE_NOT_CAPABLE")?.state).toBe("resolved");
  });

  it("records errors for vehicles outside the fleet as unmatched", async () => {
    const payload = vehicleErrorPayload({ vehicleId: "v-stranger", userId: "sc-user-stranger", type: "VEHICLE_STATE", code: "ASLEEP" });
    expect((await postSigned(harness.url, payload)).status).toBe(200);
    const [row] = await settled(payload.eventId, 1);
    expect(row?.status).toBe("unmatched");
    const errors = await db().select().from(vehicleErrors).where(eq(vehicleErrors.smartcarVehicleId, "v-stranger"));
    expect(errors).toMatchObject([{ vehicleId: null, code: "ASLEEP", state: "open" }]);
  });
});
