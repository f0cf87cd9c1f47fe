import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/guards";
import { canSeeVehicle, visibleVehiclesCondition } from "@/lib/auth/guards";
import { eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicles } from "@/lib/db/schema";
import { DEFAULT_VEHICLE_LIST_QUERY, type VehicleListQuery } from "@/lib/fleet/vehicle-list-query";
import { listVehicleMakes, listVehicles, type VehicleListRow } from "@/lib/fleet/vehicle-list";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { connectVehicle, createUser, createVehicle, openVehicleError, setSignal } from "../../fixtures/fleet";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";

// The guards' visibility rules are under test; the Auth.js session behind getSessionUser is not used here.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const sessionOf = (user: { id: string; email: string; name: string | null; role: SessionUser["role"] }): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
});

describe.each(DATABASE_KINDS)("vehicles list on %s", (kind) => {
  let database: TestDatabase;
  let db: Database;
  let manager: SessionUser;
  let ownerA: SessionUser;
  let ownerB: SessionUser;
  const vehicleIdsOf = { a: [] as string[], b: [] as string[] };
  let bVehicleId = "";

  const list = (query: Partial<VehicleListQuery>, user: SessionUser = manager) =>
    listVehicles(db, { ...DEFAULT_VEHICLE_LIST_QUERY, ...query }, { visibility: visibleVehiclesCondition(user), now });

  /** Every row of a query, walking the pages. */
  async function listAll(query: Partial<VehicleListQuery>, user: SessionUser = manager): Promise<VehicleListRow[]> {
    const rows: VehicleListRow[] = [];
    for (let page = 1; ; page++) {
      const result = await list({ size: 10, ...query, page }, user);
      rows.push(...result.rows);
      if (page >= result.pageCount) return rows;
    }
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
    manager = sessionOf(await createUser(db, { role: "manager", email: "boss@fleet.test", name: "Morgan Manager" }));
    ownerA = sessionOf(await createUser(db, { role: "owner", email: "alice@owners.test", name: "Alice Anders" }));
    ownerB = sessionOf(await createUser(db, { role: "owner", email: "bob@owners.test", name: "Bob Berg" }));

    // 24 vehicles across three makes; A owns the even ones, B the odd ones.
    const makes = ["TESLA", "BMW", "FORD"] as const;
    for (let index = 0; index < 24; index++) {
      const vehicle = await createVehicle(db, {
        make: makes[index % 3],
        model: `Model ${String.fromCharCode(65 + (index % 5))}`,
        year: 2018 + (index % 6),
        vin: `VIN${String(index).padStart(14, "0")}`,
        nickname: index === 7 ? "Night_Owl 100%" : null,
        lastSignalAt: index % 4 === 0 ? null : minutesAgo(index),
      });
      const owner = index % 2 === 0 ? ownerA : ownerB;
      await connectVehicle(db, vehicle.id, owner.id, index === 5 ? "needs_reauth" : "active");
      (index % 2 === 0 ? vehicleIdsOf.a : vehicleIdsOf.b).push(vehicle.id);
      if (index % 3 !== 2) await setSignal(db, vehicle.id, "tractionbattery-stateofcharge", { unit: "percent", value: (index * 9) % 101 });
      if (index === 1 || index === 2) await setSignal(db, vehicle.id, "charge-ischarging", { value: true });
      if (index === 9) await openVehicleError(db, vehicle);
    }
    bVehicleId = vehicleIdsOf.b[0]!;
  });

  afterAll(async () => {
    await database?.close();
  });

  it("pages through every vehicle exactly once, in a stable order", async () => {
    const first = await list({ size: 10 });
    expect(first).toMatchObject({ total: 24, page: 1, size: 10, pageCount: 3 });
    expect(first.rows).toHaveLength(10);
    const all = await listAll({});
    expect(all).toHaveLength(24);
    expect(new Set(all.map((row) => row.id)).size).toBe(24);
    const last = await list({ size: 10, page: 3 });
    expect(last.rows).toHaveLength(4);
  });

  it("serves the last page when asked past the end", async () => {
    const result = await list({ size: 10, page: 99 });
    expect(result.page).toBe(3);
    expect(result.rows).toHaveLength(4);
  });

  it("sorts by the name the list shows (nickname, else year make model) both ways, with the id breaking ties", async () => {
    const ascending = await listAll({ sort: "name" });
    const keys = ascending.map((row) => `${vehicleDisplayName(row).toLowerCase()}|${row.id}`);
    expect(keys).toEqual([...keys].sort());
    // The nicknamed car sorts under its nickname, not under its make: "night_owl…" after every "20xx …" name.
    expect(vehicleDisplayName(ascending.at(-1)!)).toBe("Night_Owl 100%");
    expect(ascending.slice(0, -1).every((row) => row.nickname === null)).toBe(true);
    const descending = await listAll({ sort: "name", dir: "desc" });
    expect(descending.map((row) => row.id)).toEqual(ascending.map((row) => row.id).reverse());
  });

  it("sorts by year, newest first by default", async () => {
    const years = (await listAll({ sort: "year" })).map((row) => row.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(years[0]).toBe(2023);
  });

  it("sorts by battery with the vehicles that never reported it last, either way", async () => {
    for (const dir of ["asc", "desc"] as const) {
      const levels = (await listAll({ sort: "battery", dir })).map((row) => row.batteryPercent);
      const reported = levels.filter((level): level is number => level !== null);
      expect(reported).toHaveLength(16);
      expect(levels.slice(0, 16)).toEqual(dir === "asc" ? [...reported].sort((a, b) => a - b) : [...reported].sort((a, b) => b - a));
      expect(levels.slice(16).every((level) => level === null)).toBe(true);
    }
  });

  it("sorts by last signal, most recent first, silent vehicles last", async () => {
    const times = (await listAll({ sort: "lastSignal" })).map((row) => row.lastSignalAt);
    expect(times.slice(0, 18).every((time) => time !== null)).toBe(true);
    expect(times.slice(18).every((time) => time === null)).toBe(true);
    const reported = times.slice(0, 18) as string[];
    expect(reported).toEqual([...reported].sort().reverse());
  });

  it("sorts by status, most urgent first", async () => {
    const statuses = (await listAll({ sort: "status" })).map((row) => row.status);
    expect(statuses.slice(0, 2)).toEqual(["needs_reconnect", "error"]);
    const rank = ["needs_reconnect", "error", "charging", "online", "waiting", "offline", "disconnected"];
    const ranks = statuses.map((status) => rank.indexOf(status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("filters by make", async () => {
    const rows = await listAll({ make: "BMW" });
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.make === "BMW")).toBe(true);
    expect(await listVehicleMakes(db, undefined)).toEqual(["BMW", "FORD", "TESLA"]);
  });

  it("filters by status", async () => {
    expect((await listAll({ status: "needs_reconnect" })).map((row) => row.vin)).toEqual(["VIN00000000000005"]);
    expect((await listAll({ status: "error" })).map((row) => row.vin)).toEqual(["VIN00000000000009"]);
    expect((await listAll({ status: "charging" })).map((row) => row.vin).sort()).toEqual(["VIN00000000000001", "VIN00000000000002"]);
    // Connected but never reported: waiting for the first data, not offline.
    const waiting = await listAll({ status: "waiting" });
    expect(waiting.map((row) => row.vin).sort()).toEqual(["VIN00000000000000", "VIN00000000000004", "VIN00000000000008", "VIN00000000000012", "VIN00000000000016", "VIN00000000000020"]);
    expect(await listAll({ status: "offline" })).toEqual([]);
    const online = await listAll({ status: "online" });
    expect(online).toHaveLength(24 - 1 - 1 - 2 - 6);
    expect(online.every((row) => row.status === "online")).toBe(true);
  });

  it("filters by battery band, the top band including 100 %", async () => {
    const low = await listAll({ battery: "0-20" });
    expect(low.length).toBeGreaterThan(0);
    expect(low.every((row) => row.batteryPercent !== null && row.batteryPercent >= 0 && row.batteryPercent < 20)).toBe(true);
    const all = await listAll({});
    const bandCounts = await Promise.all((["0-20", "20-40", "40-60", "60-80", "80-100"] as const).map(async (battery) => (await listAll({ battery })).length));
    expect(bandCounts.reduce((sum, n) => sum + n, 0)).toBe(all.filter((row) => row.batteryPercent !== null).length);
  });

  it("searches VIN, nickname, make and model, and owner email or name, case-insensitively", async () => {
    expect((await listAll({ q: "vin00000000000013" })).map((row) => row.vin)).toEqual(["VIN00000000000013"]);
    expect((await listAll({ q: "night_owl" })).map((row) => row.vin)).toEqual(["VIN00000000000007"]);
    expect(await listAll({ q: "bmw model b" })).toEqual((await listAll({ make: "BMW" })).filter((row) => row.model === "Model B"));
    const bobs = await listAll({ q: "bob@owners" });
    expect(bobs).toHaveLength(12);
    expect(bobs.every((row) => row.owners.includes("Bob Berg"))).toBe(true);
    expect(await listAll({ q: "alice anders" })).toHaveLength(12);
  });

  it("searches the licence plate and the fleet label a manager entered", async () => {
    const [first, second] = vehicleIdsOf.b;
    await db.update(vehicles).set({ licensePlate: "HH-FD 204" }).where(eq(vehicles.id, first!));
    await db.update(vehicles).set({ fleetLabel: "Depot North" }).where(eq(vehicles.id, second!));
    expect((await listAll({ q: "hh-fd 204" })).map((row) => row.id)).toEqual([first]);
    expect((await listAll({ q: "depot north" })).map((row) => [row.id, row.fleetLabel])).toEqual([[second, "Depot North"]]);
    expect(await listAll({ q: "depot north" }, ownerA)).toHaveLength(0);
    await db.update(vehicles).set({ licensePlate: null, fleetLabel: null }).where(inArray(vehicles.id, [first!, second!]));
  });

  it("matches % and _ literally", async () => {
    expect((await listAll({ q: "100%" })).map((row) => row.vin)).toEqual(["VIN00000000000007"]);
    expect(await listAll({ q: "%" })).toHaveLength(1);
    expect(await listAll({ q: "t_owl" })).toHaveLength(1);
    expect(await listAll({ q: "zzz%" })).toHaveLength(0);
  });

  it("combines filters and reports an empty result", async () => {
    const result = await list({ make: "BMW", status: "error" });
    expect(result).toMatchObject({ total: 0, rows: [], page: 1, pageCount: 1 });
  });

  it("shows an owner only their own vehicles, however they search", async () => {
    const aliceRows = await listAll({}, ownerA);
    expect(aliceRows.map((row) => row.id).sort()).toEqual([...vehicleIdsOf.a].sort());
    expect(await listAll({ q: "bob" }, ownerA)).toHaveLength(0);
    expect(await listAll({ q: "VIN00000000000001" }, ownerA)).toHaveLength(0);
    expect(await listAll({ status: "needs_reconnect" }, ownerA)).toHaveLength(0);
    expect((await list({}, ownerA)).total).toBe(12);
    expect(await canSeeVehicle(db, ownerA, bVehicleId)).toBe(false);
    expect(await canSeeVehicle(db, ownerB, bVehicleId)).toBe(true);
    expect(await canSeeVehicle(db, manager, bVehicleId)).toBe(true);
  });

  it("lists the makes an owner may see, not the fleet's", async () => {
    const stranger = sessionOf(await createUser(db, { role: "owner" }));
    expect(await listVehicleMakes(db, visibleVehiclesCondition(stranger))).toEqual([]);
    expect((await list({}, stranger)).total).toBe(0);
  });
});
