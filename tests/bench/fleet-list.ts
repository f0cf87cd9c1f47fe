/**
 * The vehicles list and fleet overview queries against a 10,000-vehicle fleet (25 stored signals
 * each, 1,000 owners), on PGlite and, when 127.0.0.1:5432 answers, PostgreSQL. Prints p50/p95/max
 * per query shape. Run: `npx tsx --conditions=react-server tests/bench/fleet-list.ts`
 * (FLEET_BENCH_VEHICLES, FLEET_BENCH_RUNS and FLEET_BENCH_KINDS=pglite,postgres change the size, the repetitions and the databases).
 */
import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, smartcarUsers, users, vehicleErrors, vehicleSignals, vehicles } from "@/lib/db/schema";
import { getFleetOverview } from "@/lib/fleet/overview";
import { DEFAULT_VEHICLE_LIST_QUERY, type VehicleListQuery } from "@/lib/fleet/vehicle-list-query";
import { listVehicles } from "@/lib/fleet/vehicle-list";
import { openBenchDatabase } from "./bench-database";

const VEHICLES = Number(process.env.FLEET_BENCH_VEHICLES ?? 10_000);
const RUNS = Number(process.env.FLEET_BENCH_RUNS ?? 25);
const OWNERS = Math.max(1, Math.round(VEHICLES / 10));
const MAKES = ["TESLA", "BMW", "FORD", "VOLKSWAGEN", "HYUNDAI", "KIA", "RIVIAN", "NISSAN", "AUDI", "POLESTAR"];

const FILLER_SIGNALS = Array.from({ length: 21 }, (_, index) => `diagnostics-bench${index}`);

async function insertInChunks<Row>(rows: Row[], insert: (chunk: Row[]) => Promise<unknown>, size = 1_000) {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

async function seed(db: Database, now: Date) {
  const ownerRows = Array.from({ length: OWNERS }, (_, index) => ({ email: `owner${index}@bench.test`, name: `Owner ${index}`, role: "owner" as const }));
  const owners: { id: string }[] = [];
  await insertInChunks(ownerRows, async (chunk) => owners.push(...(await db.insert(users).values(chunk).returning({ id: users.id }))));

  const vehicleRows = Array.from({ length: VEHICLES }, (_, index) => ({
    smartcarVehicleId: randomUUID(),
    make: MAKES[index % MAKES.length]!,
    model: `Model ${index % 7}`,
    year: 2016 + (index % 10),
    vin: `BENCH${String(index).padStart(12, "0")}`,
    nickname: index % 5 === 0 ? `Van ${index}` : null,
    powertrainType: "BEV",
    mode: "simulated" as const,
    lastSignalAt: index % 11 === 0 ? null : new Date(now.getTime() - (index % 180) * 60_000),
  }));
  const inserted: { id: string; smartcarVehicleId: string }[] = [];
  await insertInChunks(vehicleRows, async (chunk) =>
    inserted.push(...(await db.insert(vehicles).values(chunk).returning({ id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId }))),
  );

  const smartcarRows = owners.map((owner, index) => ({ id: `bench-sc-${index}`, userId: owner.id }));
  await insertInChunks(smartcarRows, (chunk) => db.insert(smartcarUsers).values(chunk));
  const connectionRows = inserted.map((vehicle, index) => ({
    vehicleId: vehicle.id,
    ownerId: owners[index % OWNERS]!.id,
    smartcarUserId: `bench-sc-${index % OWNERS}`,
    status: index % 50 === 0 ? ("needs_reauth" as const) : index % 97 === 0 ? ("revoked" as const) : ("active" as const),
  }));
  await insertInChunks(connectionRows, (chunk) => db.insert(connections).values(chunk));

  const signalRows = inserted.flatMap((vehicle, index) => {
    const at = new Date(now.getTime() - (index % 180) * 60_000);
    const signal = (code: string, group: string, body: unknown) => ({ vehicleId: vehicle.id, code, name: code.split("-")[1]!, group, body, oemUpdatedAt: at, retrievedAt: at });
    return [
      signal("tractionbattery-stateofcharge", "TractionBattery", { unit: "percent", value: (index * 37) % 101 }),
      signal("charge-ischarging", "Charge", { value: index % 6 === 0 }),
      signal("connectivitystatus-isonline", "ConnectivityStatus", { value: index % 13 !== 0 }),
      signal("odometer-traveleddistance", "Odometer", { unit: "kilometers", value: index * 13 }),
      ...FILLER_SIGNALS.map((code) => signal(code, "Diagnostics", { status: "OK", description: null })),
    ];
  });
  await insertInChunks(signalRows, (chunk) => db.insert(vehicleSignals).values(chunk), 2_000);

  const errorRows = inserted
    .filter((_, index) => index % 33 === 0)
    .map((vehicle) => ({ vehicleId: vehicle.id, smartcarVehicleId: vehicle.smartcarVehicleId, type: "VEHICLE_STATE", source: "webhook" as const }));
  await insertInChunks(errorRows, (chunk) => db.insert(vehicleErrors).values(chunk));
  await db.execute(sql`analyze`);
  return { signalRows: signalRows.length, ownerId: owners[7]!.id };
}

async function measure(run: () => Promise<unknown>) {
  await run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (fraction: number) => times[Math.min(times.length - 1, Math.floor(fraction * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! };
}

async function main() {
for (const kind of (process.env.FLEET_BENCH_KINDS ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[]) {
  const database = await openBenchDatabase(kind);
  if (!database) continue;
  const db = database.handle.db;
  const now = new Date();
  const seedStarted = performance.now();
  const { signalRows, ownerId } = await seed(db, now);
  console.log(`\n${kind}: seeded ${VEHICLES.toLocaleString("en-US")} vehicles, ${signalRows.toLocaleString("en-US")} signals, ${OWNERS} owners in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; ${RUNS} runs per query`);

  const ownerVisibility: SQL = sql`exists (select 1 from ${connections} where ${connections.vehicleId} = ${vehicles.id} and ${connections.ownerId} = ${ownerId})`;
  const list = (query: Partial<VehicleListQuery>, visibility?: SQL) => () =>
    listVehicles(db, { ...DEFAULT_VEHICLE_LIST_QUERY, ...query }, { visibility, now });
  const cases: [string, () => Promise<unknown>][] = [
    ["list, default sort, page 1", list({})],
    ["list, default sort, last page (offset ~10k)", list({ page: Math.ceil(VEHICLES / 25) })],
    ["list, sort by last signal", list({ sort: "lastSignal" })],
    ["list, sort by battery", list({ sort: "battery" })],
    ["list, sort by status", list({ sort: "status" })],
    ["list, filter status=charging", list({ status: "charging" })],
    ["list, filter status=needs_reconnect", list({ status: "needs_reconnect" })],
    ["list, filter make + battery 0-20", list({ make: "BMW", battery: "0-20" })],
    ["list, search VIN fragment", list({ q: "00000042" })],
    ["list, search owner email", list({ q: "owner123@" })],
    ["list, 100 per page", list({ size: 100 })],
    ["list, as an owner (10 vehicles)", list({}, ownerVisibility)],
    ["overview, whole fleet", () => getFleetOverview(db, undefined, now)],
  ];
  console.log(`${"query".padEnd(46)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
  for (const [label, run] of cases) {
    const { p50, p95, max } = await measure(run);
    console.log(`${label.padEnd(46)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${max.toFixed(1).padStart(8)}`);
  }
  await database.close();
}
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
