/**
 * What alert evaluation adds to the webhook worker's cost per event: a 10,000-vehicle fleet (1,000
 * owners, ten makes) with 100 alert rules (fleet-wide, per make, per owner, per vehicle), and
 * VEHICLE_STATE events like the emulator's (12 signals) from 1,000 of the cars, batteries draining
 * so some cross the thresholds. One inbox is drained batch by batch, alternating the worker with and
 * without the operations projection, so both see the same load on a busy machine; each batch's wall
 * time and this process's CPU time (which includes PGlite, not a PostgreSQL server) are summed per
 * side, and the batches whose evaluation wrote alerts are told apart from those that only evaluated.
 * Run: `npm run bench:alerts`; ALERT_BENCH_VEHICLES, ALERT_BENCH_RULES, ALERT_BENCH_EVENTS,
 * ALERT_BENCH_ACTIVE and ALERT_BENCH_KINDS (pglite,postgres) change the size.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { operationsProjection } from "@/lib/alerts/projection";
import type { Database } from "@/lib/db";
import { alertRules, connections, smartcarUsers, users, vehicles, type AlertRuleParams } from "@/lib/db/schema";
import { createMemoryHub } from "@/lib/live/hub";
import { signPayload } from "@/lib/smartcar/webhook-crypto";
import { createInboxWriter } from "@/lib/webhooks/inbox";
import { receiveWebhook } from "@/lib/webhooks/receive";
import { PROJECTIONS, inboxWorkerBatchSize, processInboxBatch } from "@/lib/webhooks/worker";
import { openBenchDatabase } from "./bench-database";

const VEHICLES = Number(process.env.ALERT_BENCH_VEHICLES ?? 10_000);
const RULES = Number(process.env.ALERT_BENCH_RULES ?? 100);
const EVENTS = Number(process.env.ALERT_BENCH_EVENTS ?? 4_000);
const OWNERS = Math.max(1, Math.round(VEHICLES / 10));
/** Cars reporting during the run (out of the fleet): a minute's worth of a large fleet, not all of it. */
const ACTIVE = Math.min(VEHICLES, Number(process.env.ALERT_BENCH_ACTIVE ?? 1_000));
/**
 * Not counted: every reporting car's first report, evaluated, so the measurement sees the steady
 * state (conditions already known; alerts only where a battery crosses a threshold) with warm
 * caches, JIT and planner.
 */
const WARM_UP_EVENTS = ACTIVE;
const MAKES = ["TESLA", "BMW", "FORD", "VOLKSWAGEN", "HYUNDAI", "KIA", "RIVIAN", "NISSAN", "AUDI", "POLESTAR"];
const AMT = "bench-amt";

async function insertInChunks<Row>(rows: Row[], insert: (chunk: Row[]) => Promise<unknown>, size = 1_000) {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

interface Fleet {
  vehicles: { id: string; smartcarVehicleId: string; smartcarUserId: string; make: string; ownerId: string; soc: number }[];
  managerId: string;
}

/** The k-th reporting car, spread over the fleet (and so over makes and owners). */
function activeIndex(k: number): number {
  return (k * 7_919) % VEHICLES;
}

async function seed(db: Database): Promise<Fleet> {
  const [manager] = await db.insert(users).values({ email: "manager@bench.test", role: "manager" }).returning({ id: users.id });
  const owners: { id: string }[] = [];
  const ownerRows = Array.from({ length: OWNERS }, (_, index) => ({ email: `owner${index}@bench.test`, role: "owner" as const }));
  await insertInChunks(ownerRows, async (chunk) => owners.push(...(await db.insert(users).values(chunk).returning({ id: users.id }))));
  await insertInChunks(owners.map((owner, index) => ({ id: `bench-sc-${index}`, userId: owner.id })), (chunk) => db.insert(smartcarUsers).values(chunk));
  const rows = Array.from({ length: VEHICLES }, (_, index) => ({ smartcarVehicleId: randomUUID(), make: MAKES[index % MAKES.length]!, model: "Bench", year: 2024, powertrainType: "BEV" }));
  const inserted: { id: string; smartcarVehicleId: string; make: string }[] = [];
  await insertInChunks(rows, async (chunk) => inserted.push(...(await db.insert(vehicles).values(chunk).returning({ id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId, make: vehicles.make }))));
  const fleet = inserted.map((vehicle, index) => ({ ...vehicle, smartcarUserId: `bench-sc-${index % OWNERS}`, ownerId: owners[index % OWNERS]!.id, soc: 10 + ((index * 37) % 800) / 10 }));
  await insertInChunks(fleet.map((vehicle) => ({ vehicleId: vehicle.id, smartcarUserId: vehicle.smartcarUserId, ownerId: vehicle.ownerId })), (chunk) => db.insert(connections).values(chunk));

  // 100 rules, a quarter each fleet-wide, per make, per owner and per vehicle (reporting cars among
  // them): mostly battery thresholds from 10 to 50 %, some fuel, charging and reconnect rules.
  const kinds = ["battery_below", "battery_below", "battery_below", "fuel_below", "charging_finished", "charging_interrupted", "needs_reconnect", "battery_below", "battery_below", "battery_below"] as const;
  const ruleRows = Array.from({ length: RULES }, (_, index) => {
    const kind = kinds[index % kinds.length]!;
    const params: AlertRuleParams = kind === "battery_below" || kind === "fuel_below" ? { threshold: 10 + (Math.floor(index / 10) % 5) * 10 } : {};
    const scope = (["all", "make", "owner", "vehicle"] as const)[index % 4]!;
    const scopeValue = scope === "make" ? MAKES[index % MAKES.length]! : scope === "owner" ? owners[(index * 7) % OWNERS]!.id : scope === "vehicle" ? fleet[activeIndex(index)]!.id : null;
    return { name: `Bench ${index}`, kind, params, scope, scopeValue, quietMinutes: 60, createdBy: manager!.id };
  });
  await db.insert(alertRules).values(ruleRows);
  await db.execute(sql`analyze`);
  return { vehicles: fleet, managerId: manager!.id };
}

const SIGNALS: [string, string, string][] = [
  ["tractionbattery-stateofcharge", "TractionBattery", "StateOfCharge"],
  ["tractionbattery-range", "TractionBattery", "Range"],
  ["charge-ischarging", "Charge", "IsCharging"],
  ["charge-ischargingcableconnected", "Charge", "IsChargingCableConnected"],
  ["charge-detailedchargingstatus", "Charge", "DetailedChargingStatus"],
  ["charge-chargelimits", "Charge", "ChargeLimits"],
  ["closure-islocked", "Closure", "IsLocked"],
  ["connectivitystatus-isasleep", "ConnectivityStatus", "IsAsleep"],
  ["transmission-gearstate", "Transmission", "GearState"],
  ["odometer-traveleddistance", "Odometer", "TraveledDistance"],
  ["location-preciselocation", "Location", "PreciseLocation"],
  ["motion-currentspeed", "Motion", "CurrentSpeed"],
];

/** One emulator-like VEHICLE_STATE: the car drives, its battery drains 0.1 point per report (a report a minute at ~60 km/h). */
function event(vehicle: Fleet["vehicles"][number], at: number): string {
  vehicle.soc = vehicle.soc <= 5 ? 90 : Math.round((vehicle.soc - 0.1) * 10) / 10;
  const values: Record<string, unknown> = {
    "tractionbattery-stateofcharge": { unit: "percent", value: vehicle.soc },
    "tractionbattery-range": { unit: "kilometers", value: vehicle.soc * 4 },
    "charge-ischarging": { value: false },
    "charge-ischargingcableconnected": { value: false },
    "charge-detailedchargingstatus": { value: "NOT_CHARGING" },
    "charge-chargelimits": { values: [{ type: "GLOBAL", limit: 80, condition: null }], activeLimit: 80, unit: "percent" },
    "closure-islocked": { value: true },
    "connectivitystatus-isasleep": { value: false },
    "transmission-gearstate": { value: "DRIVE" },
    "odometer-traveleddistance": { unit: "kilometers", value: 10_000 + at / 60_000 },
    "location-preciselocation": { latitude: 37.77, longitude: -122.41, heading: 90, direction: "E", locationType: "CURRENT" },
    "motion-currentspeed": { unit: "kph", value: 50 },
  };
  return JSON.stringify({
    eventId: randomUUID(),
    eventType: "VEHICLE_STATE",
    vehicleId: vehicle.smartcarVehicleId,
    data: {
      user: { id: vehicle.smartcarUserId },
      vehicle: { id: vehicle.smartcarVehicleId, make: vehicle.make, model: "Bench", year: 2024 },
      triggers: [{ code: "tractionbattery-stateofcharge", name: "StateOfCharge", group: "TractionBattery" }],
      signals: SIGNALS.map(([code, group, name]) => ({ code, name, group, body: values[code], status: { value: "SUCCESS" }, meta: { oemUpdatedAt: at, fetchedAt: at, retrievedAt: at } })),
    },
    meta: { version: "4.0", webhookId: "bench", webhookName: "Bench", deliveryId: randomUUID(), deliveredAt: at, mode: "LIVE", signalCount: SIGNALS.length },
  });
}

async function main() {
  for (const kind of (process.env.ALERT_BENCH_KINDS ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[]) {
    const database = await openBenchDatabase(kind);
    if (!database) continue;
    const db = database.handle.db;
    const seedStarted = performance.now();
    const fleet = await seed(db);
    console.log(`\n${kind}: ${VEHICLES.toLocaleString("en-US")} vehicles (${ACTIVE} reporting), ${OWNERS} owners, ${RULES} rules seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; ${EVENTS} events measured after ${WARM_UP_EVENTS} warm-up`);
    const context = { db, inbox: createInboxWriter(db), managementToken: AMT, onStored: () => {} };
    let clock = Date.now() - 24 * 3_600_000;
    for (let index = 0; index < WARM_UP_EVENTS + EVENTS; index += 1) {
      // The active cars, spread over the fleet, in turn.
      const vehicle = fleet.vehicles[activeIndex(index % ACTIVE)]!;
      clock += 1_000;
      const body = Buffer.from(event(vehicle, clock));
      await receiveWebhook(context, { kind: "body", bytes: body }, signPayload(AMT, body.toString()));
    }
    const hub = createMemoryHub();
    const batchSize = inboxWorkerBatchSize(kind);
    const totals = { without: { events: 0, wallMs: 0, cpuMs: 0 }, with: { events: 0, wallMs: 0, cpuMs: 0 }, quiet: { events: 0, wallMs: 0, cpuMs: 0 } };
    // Batches whose evaluation wrote alerts are told apart: the rest is what evaluating alone costs.
    let alerted = false;
    // Also timed from the inside, which a busy machine disturbs less than a batch's wall time.
    const inside = { ms: 0, batches: 0 };
    const measuredProjection: typeof operationsProjection = async (tx, applied, base) => {
      const started = performance.now();
      const live = await operationsProjection(tx, applied, base);
      alerted = live.length > 0;
      if (!alerted) {
        inside.ms += performance.now() - started;
        inside.batches += 1;
      }
      return live;
    };
    let seen = 0;
    let measuredFrom = new Date();
    for (let batch = 0; ; batch += 1) {
      const side = seen < WARM_UP_EVENTS || batch % 2 === 1 ? "with" : "without";
      PROJECTIONS.length = 0;
      alerted = false;
      if (side === "with") PROJECTIONS.push(measuredProjection);
      const cpu = process.cpuUsage();
      const started = performance.now();
      const claimed = await processInboxBatch(db, hub, batchSize);
      const wallMs = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpu);
      if (claimed === 0) break;
      seen += claimed;
      if (seen <= WARM_UP_EVENTS) {
        measuredFrom = new Date();
        continue;
      }
      for (const bucket of side === "with" && !alerted ? (["with", "quiet"] as const) : ([side] as const)) {
        totals[bucket].events += claimed;
        totals[bucket].wallMs += wallMs;
        totals[bucket].cpuMs += (cpuUsed.user + cpuUsed.system) / 1000;
      }
    }
    PROJECTIONS.length = 0;
    PROJECTIONS.push(operationsProjection);
    const alerts = (await db.execute(sql`select count(*)::int as n from alert_events where state = 'triggered' and occurred_at >= ${measuredFrom.toISOString()}::timestamptz`)) as unknown as { rows: { n: number }[] };
    const per = (side: keyof typeof totals, key: "wallMs" | "cpuMs") => totals[side][key] / totals[side].events;
    const increase = (side: "with" | "quiet", key: "wallMs" | "cpuMs") => `${(((per(side, key) - per("without", key)) / per("without", key)) * 100).toFixed(1)} %`;
    console.log(`${"worker".padEnd(26)} ${"events".padStart(7)} ${"wall ms/event".padStart(14)} ${"CPU ms/event".padStart(13)}`);
    console.log(`${"without projection".padEnd(26)} ${String(totals.without.events).padStart(7)} ${per("without", "wallMs").toFixed(3).padStart(14)} ${per("without", "cpuMs").toFixed(3).padStart(13)}`);
    console.log(`${`with ${RULES} rules`.padEnd(26)} ${String(totals.with.events).padStart(7)} ${per("with", "wallMs").toFixed(3).padStart(14)} ${per("with", "cpuMs").toFixed(3).padStart(13)}`);
    console.log(`${"  of which without alerts".padEnd(26)} ${String(totals.quiet.events).padStart(7)} ${per("quiet", "wallMs").toFixed(3).padStart(14)} ${per("quiet", "cpuMs").toFixed(3).padStart(13)}`);
    console.log(`added: ${increase("with", "wallMs")} wall, ${increase("with", "cpuMs")} CPU (this process) in all; evaluating alone (batches that wrote no alert): ${increase("quiet", "wallMs")} wall, ${increase("quiet", "cpuMs")} CPU`);
    console.log(`the projection itself in batches without alerts: ${(inside.ms / inside.batches).toFixed(3)} ms per batch of up to ${batchSize}, ${((inside.ms / inside.batches / batchSize / per("without", "wallMs")) * 100).toFixed(1)} % of a full batch's wall time without it`);
    console.log(`alerts fired while measuring: ${alerts.rows[0]!.n} (${((alerts.rows[0]!.n / totals.with.events) * 100).toFixed(1)} % of the events evaluated)`);
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
