import { randomBytes, randomUUID, createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverDueWebhooks } from "@/lib/alerts/deliveries";
import { evaluateDerivedRules } from "@/lib/alerts/derived";
import { createEndpoint, queueTestDelivery } from "@/lib/alerts/endpoints";
import { recordFleetEvent } from "@/lib/alerts/fleet-events";
import { createAlertRule, invalidateRuleCache, type AlertRuleInput } from "@/lib/alerts/rules";
import type { OutboundPolicy } from "@/lib/alerts/ssrf";
import type { SessionUser } from "@/lib/auth/session-user";
import { openDatabase, type Database, type DatabaseHandle } from "@/lib/db/client";
import { alertEvents, alertRules, connections, endpointDeliveries, notifications, smartcarUsers, users, vehicleErrors, vehicles, webhookDeliveries } from "@/lib/db/schema";
import { createMemoryHub, createPostgresHub } from "@/lib/live/hub";
import { createInboxWriter } from "@/lib/webhooks/inbox";
import { receiveWebhook, type ReceiverContext } from "@/lib/webhooks/receive";
import { startInboxWorker } from "@/lib/webhooks/worker";
import { signPayload } from "@/lib/smartcar/webhook-crypto";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";
import { vehicleErrorPayload, vehicleStatePayload } from "../webhooks/factories";

const AMT = "alerts-test-amt";
const KEYS = [{ id: "k1", key: randomBytes(32) }];

describe.each(DATABASE_KINDS)("alerts on %s", (kind) => {
  let database: TestDatabase;
  let db: Database;
  let second: DatabaseHandle | null;
  let manager: SessionUser;
  let owner: SessionUser;
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let answer = 204;
  let policy: OutboundPolicy;

  async function addVehicle(make = "HYUNDAI", ownerId = owner.id) {
    const smartcarVehicleId = `sc-${randomUUID()}`;
    const smartcarUserId = `scu-${randomUUID()}`;
    await db.insert(smartcarUsers).values({ id: smartcarUserId, userId: ownerId });
    const [vehicle] = await db.insert(vehicles).values({ smartcarVehicleId, make, model: "Ioniq 5", year: 2024, nickname: `Car ${smartcarVehicleId.slice(3, 9)}` }).returning();
    await db.insert(connections).values({ vehicleId: vehicle!.id, smartcarUserId, ownerId });
    return { id: vehicle!.id, smartcarVehicleId, smartcarUserId };
  }

  async function rule(user: SessionUser, input: Partial<AlertRuleInput> & Pick<AlertRuleInput, "kind">) {
    const result = await createAlertRule(db, user, { name: input.kind, scope: "all", quietMinutes: 60, notifyInApp: true, notifyEmail: false, webhookEndpointIds: [], recipients: "creator", ...input });
    if (!result.ok) throw new Error(result.message);
    return result.rule;
  }

  /** Stores signed deliveries through the real receiver (the inbox), as Smartcar's would arrive. */
  async function deliver(payloads: unknown[]) {
    const context: ReceiverContext = { db, inbox: createInboxWriter(db), managementToken: AMT, onStored: () => {} };
    for (const payload of payloads) {
      const body = Buffer.from(JSON.stringify(payload));
      const outcome = await receiveWebhook(context, { kind: "body", bytes: body }, signPayload(AMT, body.toString()));
      expect(outcome, JSON.stringify(outcome.body)).toMatchObject({ status: 200 });
    }
  }

  function soc(vehicle: { smartcarVehicleId: string; smartcarUserId: string }, value: number, at: number) {
    return vehicleStatePayload({ vehicleId: vehicle.smartcarVehicleId, userId: vehicle.smartcarUserId, readings: [{ code: "tractionbattery-stateofcharge", value, unit: "percent", oemUpdatedAt: at }] });
  }

  /** Two inbox workers, as two app instances (two connection pools on PostgreSQL), draining at once. */
  async function drainWithTwoWorkers() {
    const handles = [database.handle, second ?? database.handle];
    const workers = handles.map((handle) =>
      startInboxWorker({ db: handle.db, hub: handle.kind === "postgres" ? createPostgresHub(handle.pool) : createMemoryHub(), batchSize: 3, pollIntervalMs: 3_600_000 }),
    );
    for (const worker of workers) await worker.stop();
    await Promise.all(workers.map((worker) => worker.drain()));
    const pending = await db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending"));
    expect(pending[0]!.n).toBe(0);
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
    second = database.handle.kind === "postgres" ? openDatabase({ kind: "postgres", url: String(database.handle.pool.options.connectionString) }) : null;
    const [managerRow] = await db.insert(users).values({ email: "alerts-manager@example.com", role: "manager" }).returning();
    const [ownerRow] = await db.insert(users).values({ email: "alerts-owner@example.com", role: "owner" }).returning();
    manager = { id: managerRow!.id, email: managerRow!.email, name: null, role: "manager" };
    owner = { id: ownerRow!.id, email: ownerRow!.email, name: null, role: "owner" };
    receiver = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        received.push({ headers: incoming.headers, body: Buffer.concat(chunks).toString() });
        outgoing.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    policy = { allowPrivate: ["127.0.0.1"], appUrl: "http://127.0.0.1:1", port: 1 };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    await second?.close();
    await database?.close();
  });

  beforeEach(async () => {
    await db.delete(alertRules);
    invalidateRuleCache(db);
    if (second) invalidateRuleCache(second.db);
    received.length = 0;
    answer = 204;
  });

  it("fires a battery rule once per vehicle with two workers applying the readings, in the app and to the webhook", async () => {
    const endpoint = await createEndpoint(db, { name: "receiver", url: receiverUrl, format: "json" }, { createdBy: manager.id, policy, keys: KEYS });
    if (!endpoint.ok) throw new Error(endpoint.message);
    const battery = await rule(manager, { kind: "battery_below", threshold: 20, webhookEndpointIds: [endpoint.endpoint.id] });
    const cars = await Promise.all(Array.from({ length: 8 }, () => addVehicle()));
    const start = Date.now() - 60_000;
    // Each car drains from 40 % past the threshold; several readings below it, delivered twice, shuffled.
    const payloads = cars.flatMap((car) => [40, 25, 19, 17, 15, 12].map((value, index) => soc(car, value, start + index * 1_000)));
    await deliver([...payloads, ...payloads].sort(() => Math.random() - 0.5));
    await drainWithTwoWorkers();

    const events = await db.select().from(alertEvents).where(eq(alertEvents.ruleId, battery.id));
    expect(events).toHaveLength(cars.length);
    expect(new Set(events.map((event) => event.vehicleId))).toEqual(new Set(cars.map((car) => car.id)));
    expect(events.every((event) => event.state === "triggered")).toBe(true);
    const inApp = await db.select().from(notifications).where(eq(notifications.userId, manager.id));
    expect(inApp.filter((notification) => events.some((event) => event.id === notification.eventId))).toHaveLength(cars.length);

    // The senders of two instances share the queue: every delivery goes out once.
    const keys = { policy, keys: KEYS, userAgent: "test" };
    await Promise.all([deliverDueWebhooks(db, keys), deliverDueWebhooks(second?.db ?? db, keys)]);
    expect(received).toHaveLength(cars.length);
    const sent = received[0]!;
    const [t, v1] = String(sent.headers["fleetdeck-signature"]).split(",").map((part) => part.split("=")[1]);
    expect(v1).toBe(createHmac("sha256", endpoint.secret).update(`${t}.${sent.body}`).digest("hex"));
    expect(JSON.parse(sent.body)).toMatchObject({ type: "alert.triggered", rule: { id: battery.id, kind: "battery_below" } });
  });

  it("announces when the condition clears, alerts again on the next start, and keeps quiet within the quiet period", async () => {
    const battery = await rule(manager, { kind: "battery_below", threshold: 20, quietMinutes: 0 });
    const quiet = await rule(manager, { kind: "battery_below", threshold: 20, quietMinutes: 60 });
    const car = await addVehicle();
    const start = Date.now() - 60_000;
    for (const [index, value] of [15, 30, 14].entries()) {
      await deliver([soc(car, value, start + index * 1_000)]);
      await drainWithTwoWorkers();
    }
    const states = (ruleId: string) =>
      db
        .select({ state: alertEvents.state })
        .from(alertEvents)
        .where(eq(alertEvents.ruleId, ruleId))
        .orderBy(alertEvents.occurredAt)
        .then((rows) => rows.map((row) => row.state));
    expect(await states(battery.id)).toEqual(["triggered", "resolved", "triggered"]);
    expect(await states(quiet.id)).toEqual(["triggered", "resolved"]);
  });

  it("keeps an owner's rule to their own vehicles and evaluates error and reconnect rules as VEHICLE_ERROR arrives", async () => {
    const [otherRow] = await db.insert(users).values({ email: `other-${randomUUID()}@example.com`, role: "owner" }).returning();
    const mine = await addVehicle();
    const theirs = await addVehicle("HYUNDAI", otherRow!.id);
    const ownRule = await rule(owner, { kind: "smartcar_error", errorType: "CONNECTED_SERVICES_ACCOUNT", errorCode: "AUTHENTICATION_FAILED" });
    expect(ownRule).toMatchObject({ scope: "owner", scopeValue: owner.id });
    const reconnect = await rule(manager, { kind: "needs_reconnect" });
    await deliver(
      [mine, theirs].map((car) => vehicleErrorPayload({ vehicleId: car.smartcarVehicleId, userId: car.smartcarUserId, type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED" })),
    );
    await drainWithTwoWorkers();
    const ownEvents = await db.select().from(alertEvents).where(eq(alertEvents.ruleId, ownRule.id));
    expect(ownEvents.map((event) => event.vehicleId)).toEqual([mine.id]);
    const reconnectEvents = await db.select().from(alertEvents).where(eq(alertEvents.ruleId, reconnect.id));
    expect(new Set(reconnectEvents.map((event) => event.vehicleId))).toEqual(new Set([mine.id, theirs.id]));
    // The scheduled pass finds nothing new: the condition is already active.
    await Promise.all([evaluateDerivedRules(db, [{ ...reconnect, creatorRole: "manager" }]), evaluateDerivedRules(second?.db ?? db, [{ ...reconnect, creatorRole: "manager" }])]);
    expect(await db.select().from(alertEvents).where(eq(alertEvents.ruleId, reconnect.id))).toHaveLength(2);
    // Resolved by Smartcar: the reconnect condition clears on the next pass, announced once.
    await deliver([vehicleErrorPayload({ vehicleId: mine.smartcarVehicleId, userId: mine.smartcarUserId, type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", state: "RESOLVED" })]);
    await drainWithTwoWorkers();
    const resolved = await db.select().from(alertEvents).where(and(eq(alertEvents.ruleId, reconnect.id), eq(alertEvents.state, "resolved")));
    expect(resolved.map((event) => event.vehicleId)).toEqual([mine.id]);
  });

  it("alerts on vehicles without data for N hours and on a webhook success rate below the threshold, once with two instances", async () => {
    const silent = await addVehicle("KIA");
    await db.update(vehicles).set({ lastSignalAt: new Date(Date.now() - 7 * 3_600_000) }).where(eq(vehicles.id, silent.id));
    const noData = { ...(await rule(manager, { kind: "no_data", hours: 6, scope: "make", scopeValue: "KIA" })), creatorRole: "manager" as const };
    const rate = { ...(await rule(manager, { kind: "webhook_success_rate", threshold: 95, windowMinutes: 60 })), creatorRole: "manager" as const };
    // Half of the deliveries of the earlier tests failed processing: well below 95 %.
    await db.update(webhookDeliveries).set({ status: "failed" }).where(sql`id % 2 = 0`);
    const run = (handle: Database) => evaluateDerivedRules(handle, [noData, rate]);
    await Promise.all([run(db), run(second?.db ?? db)]);
    const fired = await db.select().from(alertEvents).where(sql`${alertEvents.ruleId} in (${noData.id}, ${rate.id})`);
    expect(fired.filter((event) => event.ruleId === noData.id).map((event) => event.vehicleId)).toEqual([silent.id]);
    expect(fired.filter((event) => event.ruleId === rate.id)).toHaveLength(1);
    expect(fired.find((event) => event.ruleId === rate.id)!.title).toMatch(/^Webhook success rate \d+(\.\d)? %$/);
  });

  it("turns reported fleet events into alerts once per occurrence (the extension point for trips and places)", async () => {
    const car = await addVehicle();
    const arrivals = await rule(manager, { kind: "fleet_event", eventType: "place.arrived", quietMinutes: 0 });
    await rule(manager, { kind: "fleet_event", eventType: "trip.ended" });
    const event = { type: "place.arrived", vehicleId: car.id, key: "visit-1", title: "Arrived at Depot", message: "At the depot since 08:00." };
    await Promise.all([recordFleetEvent(db, event), recordFleetEvent(second?.db ?? db, event)]);
    await recordFleetEvent(db, { ...event, key: "visit-2" });
    const events = await db.select().from(alertEvents).where(sql`${alertEvents.kind} = 'fleet_event'`);
    expect(events.map((row) => row.ruleId)).toEqual([arrivals.id, arrivals.id]);
  });

  it("retries a failing receiver with backoff and refuses addresses the policy does not allow", async () => {
    const endpoint = await createEndpoint(db, { name: "flaky", url: receiverUrl, format: "slack" }, { createdBy: manager.id, policy, keys: KEYS });
    if (!endpoint.ok) throw new Error(endpoint.message);
    const test = await queueTestDelivery(db, endpoint.endpoint.id, manager.email);
    answer = 500;
    await deliverDueWebhooks(db, { policy, keys: KEYS, userAgent: "test" });
    let [row] = await db.select().from(endpointDeliveries).where(eq(endpointDeliveries.id, test!.id));
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ text: expect.stringContaining("Test from Fleetdeck"), blocks: expect.any(Array) });
    answer = 200;
    await db.update(endpointDeliveries).set({ nextAttemptAt: new Date() }).where(eq(endpointDeliveries.id, test!.id));
    await deliverDueWebhooks(db, { policy, keys: KEYS, userAgent: "test" });
    [row] = await db.select().from(endpointDeliveries).where(eq(endpointDeliveries.id, test!.id));
    expect(row).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });

    // Saved under a policy that allowed loopback, refused at send time once it no longer does.
    const strict: OutboundPolicy = { ...policy, allowPrivate: [] };
    const again = await queueTestDelivery(db, endpoint.endpoint.id, manager.email);
    const before = received.length;
    await deliverDueWebhooks(db, { policy: strict, keys: KEYS, userAgent: "test" });
    [row] = await db.select().from(endpointDeliveries).where(eq(endpointDeliveries.id, again!.id));
    expect(row!.lastError).toMatch(/private or local/);
    expect(received).toHaveLength(before);
    expect(await createEndpoint(db, { name: "metadata", url: "http://169.254.169.254/latest", format: "json" }, { createdBy: manager.id, policy, keys: KEYS })).toMatchObject({ ok: false, field: "url" });
    expect(await createEndpoint(db, { name: "file", url: "file:///etc/passwd", format: "json" }, { createdBy: manager.id, policy, keys: KEYS })).toMatchObject({ ok: false });
  });

  it("records errors opened through the API too (smartcar_error reads the error center)", async () => {
    const car = await addVehicle("FORD");
    const errors = { ...(await rule(manager, { kind: "smartcar_error", errorType: "VEHICLE_STATE", errorCode: "ASLEEP", scope: "vehicle", scopeValue: car.id })), creatorRole: "manager" as const };
    await db.insert(vehicleErrors).values({ vehicleId: car.id, smartcarVehicleId: car.smartcarVehicleId, type: "VEHICLE_STATE", code: "ASLEEP", source: "api" });
    await evaluateDerivedRules(db, [errors]);
    const [event] = await db.select().from(alertEvents).where(eq(alertEvents.ruleId, errors.id));
    expect(event).toMatchObject({ vehicleId: car.id, state: "triggered", data: { type: "VEHICLE_STATE", code: "ASLEEP" } });
  });
});
