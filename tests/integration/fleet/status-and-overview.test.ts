import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { visibleVehiclesCondition, type SessionUser } from "@/lib/auth/guards";
import type { Database } from "@/lib/db";
import { connections, smartcarUsers, vehicleErrors, vehicleSignals, vehicles } from "@/lib/db/schema";
import { getFleetOverview } from "@/lib/fleet/overview";
import { getVehicleDetail } from "@/lib/fleet/vehicle-detail";
import { DEFAULT_VEHICLE_LIST_QUERY } from "@/lib/fleet/vehicle-list-query";
import { listVehicles, type VehicleListRow } from "@/lib/fleet/vehicle-list";
import { deriveVehicleStatus, type ConnectionState, type VehicleStatusInputs } from "@/lib/fleet/vehicle-status";
import { connectVehicle, createUser, createVehicle, openVehicleError, setSignal, vehicleValues } from "../../fixtures/fleet";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** Every combination of the inputs the status rule looks at. */
function statusCases(): VehicleStatusInputs[] {
  const connectionSets: ConnectionState[][] = [[], ["active"], ["needs_reauth"], ["revoked"], ["revoked", "active"], ["active", "needs_reauth"]];
  const cases: VehicleStatusInputs[] = [];
  for (const connectionStates of connectionSets)
    for (const openErrorCount of [0, 1])
      for (const isCharging of [null, true, false])
        for (const isOnline of [null, true, false])
          for (const lastSignalAt of [null, minutesAgo(10), minutesAgo(59), minutesAgo(61), minutesAgo(-3)])
            cases.push({ connectionStates, openErrorCount, isCharging, isOnline, lastSignalAt });
  return cases;
}

describe.each(DATABASE_KINDS)("fleet status on %s", (kind) => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("the SQL status agrees with deriveVehicleStatus for every combination of inputs", async () => {
    const owner = await createUser(db, { role: "owner" });
    const cases = statusCases();
    const inserted = await db
      .insert(vehicles)
      .values(cases.map((inputs) => ({ ...vehicleValues({ lastSignalAt: inputs.lastSignalAt }) })))
      .returning({ id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId });
    const expectedById = new Map(inserted.map((vehicle, index) => [vehicle.id, deriveVehicleStatus(cases[index]!, now)]));

    const smartcarUserRows: (typeof smartcarUsers.$inferInsert)[] = [];
    const connectionRows: (typeof connections.$inferInsert)[] = [];
    const signalRows: (typeof vehicleSignals.$inferInsert)[] = [];
    const errorRows: (typeof vehicleErrors.$inferInsert)[] = [];
    inserted.forEach((vehicle, index) => {
      const inputs = cases[index]!;
      inputs.connectionStates.forEach((status, connectionIndex) => {
        const smartcarUserId = `sc-${index}-${connectionIndex}`;
        smartcarUserRows.push({ id: smartcarUserId, userId: owner.id });
        connectionRows.push({ vehicleId: vehicle.id, ownerId: owner.id, smartcarUserId, status });
      });
      if (inputs.isCharging !== null)
        signalRows.push({ vehicleId: vehicle.id, code: "charge-ischarging", name: "IsCharging", group: "Charge", body: { value: inputs.isCharging } });
      if (inputs.isOnline !== null)
        signalRows.push({ vehicleId: vehicle.id, code: "connectivitystatus-isonline", name: "IsOnline", group: "ConnectivityStatus", body: { value: inputs.isOnline } });
      if (inputs.openErrorCount) errorRows.push({ vehicleId: vehicle.id, smartcarVehicleId: vehicle.smartcarVehicleId, type: "VEHICLE_STATE", source: "webhook" });
    });
    await db.insert(smartcarUsers).values(smartcarUserRows);
    await db.insert(connections).values(connectionRows);
    await db.insert(vehicleSignals).values(signalRows);
    await db.insert(vehicleErrors).values(errorRows);
    // A resolved error must not count.
    await db.insert(vehicleErrors).values({ vehicleId: inserted[0]!.id, smartcarVehicleId: inserted[0]!.smartcarVehicleId, type: "OLD", source: "api", state: "resolved" });

    const page = await listVehicles(db, { ...DEFAULT_VEHICLE_LIST_QUERY, size: 100 }, { visibility: undefined, now });
    expect(page.total).toBe(cases.length);
    const all: VehicleListRow[] = [];
    for (let pageNumber = 1; pageNumber <= page.pageCount; pageNumber++) {
      all.push(...(await listVehicles(db, { ...DEFAULT_VEHICLE_LIST_QUERY, size: 100, page: pageNumber }, { visibility: undefined, now })).rows);
    }
    const mismatches = all.filter((row) => row.status !== expectedById.get(row.id));
    expect(mismatches).toEqual([]);
    expect(new Set(all.map((row) => row.status))).toEqual(new Set(["needs_reconnect", "error", "charging", "online", "waiting", "offline", "disconnected"]));

    // Filtering by a status returns exactly the vehicles shown with it.
    for (const status of ["needs_reconnect", "error", "charging", "online", "waiting", "offline", "disconnected"] as const) {
      const filtered: VehicleListRow[] = [];
      for (let pageNumber = 1; ; pageNumber++) {
        const result = await listVehicles(db, { ...DEFAULT_VEHICLE_LIST_QUERY, status, size: 100, page: pageNumber }, { visibility: undefined, now });
        filtered.push(...result.rows);
        if (pageNumber >= result.pageCount) break;
      }
      expect(filtered.map((row) => row.id).sort()).toEqual(all.filter((row) => expectedById.get(row.id) === status).map((row) => row.id).sort());
    }

    // The detail page derives the same status from the rows it loads.
    for (const vehicle of inserted.slice(0, 60)) {
      const detail = await getVehicleDetail(db, vehicle.id, now);
      expect(detail?.status).toBe(expectedById.get(vehicle.id));
    }

    // The overview counts what the list shows.
    const overview = await getFleetOverview(db, undefined, now);
    const counted = Object.fromEntries(Object.keys(overview.statusCounts).map((status) => [status, all.filter((row) => row.status === status).length]));
    expect(overview.statusCounts).toEqual(counted);
    expect(overview.totalVehicles).toBe(cases.length);
  });
});

describe.each(DATABASE_KINDS)("fleet overview and vehicle detail on %s", (kind) => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("an empty fleet has zero everywhere", async () => {
    const overview = await getFleetOverview(db, undefined, now);
    expect(overview).toEqual({
      totalVehicles: 0,
      statusCounts: { needs_reconnect: 0, error: 0, charging: 0, online: 0, waiting: 0, offline: 0, disconnected: 0 },
      battery: [
        { band: "0-20", count: 0 },
        { band: "20-40", count: 0 },
        { band: "40-60", count: 0 },
        { band: "60-80", count: 0 },
        { band: "80-100", count: 0 },
      ],
      batteryReported: 0,
      averageBatteryPercent: null,
      lastSignalAt: null,
    });
  });

  it("counts battery bands, the average and the last update, for what the user may see", async () => {
    const alice = await createUser(db, { role: "owner" });
    const bob = await createUser(db, { role: "owner" });
    const levels = [5, 19.9, 20, 55, 80, 100, 100];
    for (const [index, level] of levels.entries()) {
      const vehicle = await createVehicle(db, { lastSignalAt: minutesAgo(30 + index) });
      await connectVehicle(db, vehicle.id, index < 2 ? alice.id : bob.id);
      await setSignal(db, vehicle.id, "tractionbattery-stateofcharge", { unit: "percent", value: level });
    }
    const silent = await createVehicle(db, { lastSignalAt: null });
    await connectVehicle(db, silent.id, bob.id);
    await setSignal(db, silent.id, "tractionbattery-stateofcharge", { unit: "percent", value: "unknown" });

    const overview = await getFleetOverview(db, undefined, now);
    expect(overview.totalVehicles).toBe(8);
    expect(overview.battery.map((band) => band.count)).toEqual([2, 1, 1, 0, 3]);
    expect(overview.batteryReported).toBe(7);
    expect(overview.averageBatteryPercent).toBeCloseTo(levels.reduce((sum, level) => sum + level, 0) / levels.length, 6);
    expect(overview.lastSignalAt?.toISOString()).toBe(minutesAgo(30).toISOString());
    expect(overview.statusCounts.online).toBe(7);
    // The silent car was connected but never reported: waiting for its first data, not offline.
    expect(overview.statusCounts.waiting).toBe(1);
    expect(overview.statusCounts.offline).toBe(0);

    const asAlice: SessionUser = { id: alice.id, email: alice.email, name: null, role: "owner" };
    const aliceOverview = await getFleetOverview(db, visibleVehiclesCondition(asAlice), now);
    expect(aliceOverview.totalVehicles).toBe(2);
    expect(aliceOverview.battery.map((band) => band.count)).toEqual([2, 0, 0, 0, 0]);
  });

  it("loads a vehicle with its connections, open errors and every stored signal", async () => {
    const owner = await createUser(db, { role: "owner", email: "dora@owners.test", name: "Dora" });
    const vehicle = await createVehicle(db, { make: "FORD", model: "Mustang Mach-E", year: 2023, lastSignalAt: minutesAgo(2) });
    await connectVehicle(db, vehicle.id, owner.id, "active");
    await openVehicleError(db, vehicle);
    await setSignal(db, vehicle.id, "odometer-traveleddistance", { unit: "kilometers", value: 12345 });
    await setSignal(db, vehicle.id, "unknown-mystery", { foo: 1 }, { group: "Mystery", name: "Thing", oemUpdatedAt: null });

    const detail = await getVehicleDetail(db, vehicle.id, now);
    expect(detail?.vehicle).toMatchObject({ make: "FORD", model: "Mustang Mach-E", year: 2023 });
    expect(detail?.status).toBe("error");
    expect(detail?.connections).toMatchObject([{ status: "active", ownerEmail: "dora@owners.test", ownerName: "Dora" }]);
    expect(detail?.openErrors).toMatchObject([{ type: "VEHICLE_STATE", code: "REMOTE_ACCESS_DISABLED" }]);
    expect(detail?.signals.map((signal) => signal.code).sort()).toEqual(["odometer-traveleddistance", "unknown-mystery"]);
    expect(detail?.signals.find((signal) => signal.code === "unknown-mystery")).toMatchObject({ body: { foo: 1 }, oemUpdatedAt: null });
  });

  it("finds nothing for a missing vehicle or an id that is not a UUID", async () => {
    expect(await getVehicleDetail(db, "00000000-0000-4000-8000-000000000000", now)).toBeNull();
    expect(await getVehicleDetail(db, "not-a-uuid", now)).toBeNull();
    expect(await getVehicleDetail(db, "'; drop table vehicles; --", now)).toBeNull();
  });
});
