import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSmartcarUserVehicles } from "@/lib/connect/import-vehicles";
import type { Database } from "@/lib/db";
import { users, vehicles, vehicleSignals } from "@/lib/db/schema";
import { DEMO_FLEET_ACCOUNTS } from "@/lib/demo/identities";
import { DEFAULT_VEHICLE_LIST_QUERY } from "@/lib/fleet/vehicle-list-query";
import { listVehicles } from "@/lib/fleet/vehicle-list";
import { updateVehicleLabels } from "@/lib/fleet/vehicle-identity";
import { parseWebhookBody } from "@/lib/smartcar/webhook-events";
import { applyWebhookEvent } from "@/lib/webhooks/apply";
import { emulatorSmartcarClient, startEmulator, type RunningEmulator } from "../../helpers/emulator";
import { vehicleStatePayload } from "../webhooks/factories";

let emulator: RunningEmulator;
let db: Database;

function client(scope: string[]) {
  return emulatorSmartcarClient(emulator, { scope });
}

async function createUser(email: string, role: "manager" | "owner" | "viewer") {
  const [user] = await db.insert(users).values({ email, role }).returning();
  return { id: user!.id, email, name: null, role };
}

beforeAll(async () => {
  emulator = await startEmulator();
  db = emulator.db.db;
});

afterAll(async () => {
  await emulator?.close();
});

describe("the VIN", () => {
  const account = DEMO_FLEET_ACCOUNTS[0]!;

  it("is read from the VehicleIdentification signals when the connection holds read_vin, and is then searchable", async () => {
    const owner = await createUser("vin-owner@example.com", "owner");
    // The seeded fleet accounts granted every permission, read_vin included.
    const imported = await importSmartcarUserVehicles(db, client(["read_vehicle_info", "read_vin"]), { smartcarUserId: account.smartcarUserId, ownerId: owner.id });
    expect(imported).toHaveLength(account.vehicles.length);
    const expected = account.vehicles[1]!;
    const [row] = await db.select().from(vehicles).where(eq(vehicles.smartcarVehicleId, expected.id));
    expect(row?.vin).toBe(expected.vin);
    const signals = await db.select().from(vehicleSignals).where(eq(vehicleSignals.vehicleId, row!.id));
    expect(signals.find((signal) => signal.code === "vehicleidentification-vin")).toMatchObject({ status: "SUCCESS", body: { value: expected.vin } });
    expect(signals.find((signal) => signal.code === "vehicleidentification-exteriorcolor")?.status).toBe("SUCCESS");

    const found = await listVehicles(db, { ...DEFAULT_VEHICLE_LIST_QUERY, q: expected.vin.slice(-8).toLowerCase() }, { visibility: undefined });
    expect(found.rows.map((vehicle) => vehicle.vin)).toEqual([expected.vin]);
  });

  it("is taken from a webhook's data.vehicle.vin when Smartcar sends it there", async () => {
    const [car] = await db.insert(vehicles).values({ smartcarVehicleId: "vin-by-webhook", make: "TESLA", model: "Model S", year: 2020 }).returning();
    const payload = vehicleStatePayload({ vehicleId: "vin-by-webhook", readings: [{ code: "odometer-traveleddistance", value: 100, unit: "kilometers", oemUpdatedAt: Date.now() - 1_000 }] });
    const parsed = parseWebhookBody(JSON.stringify({ ...payload, data: { ...payload.data, vehicle: { ...payload.data.vehicle, vin: "5yjsa1e26ffp12345" } } }));
    if (!parsed.ok) throw new Error(parsed.detail);
    await applyWebhookEvent(db, parsed.event);
    const [row] = await db.select().from(vehicles).where(eq(vehicles.id, car!.id));
    expect(row?.vin).toBe("5YJSA1E26FFP12345");
  });
});

describe("licence plate and fleet label", () => {
  it("are written by managers only, validated, and cleared with an empty field", async () => {
    const manager = await createUser("labels-manager@example.com", "manager");
    const viewer = await createUser("labels-viewer@example.com", "viewer");
    const [car] = await db.insert(vehicles).values({ smartcarVehicleId: "labels-car", make: "FORD", model: "Transit", year: 2022 }).returning();

    expect(await updateVehicleLabels(db, viewer, car!.id, { licensePlate: "AB 123", fleetLabel: "x" })).toEqual({ kind: "forbidden" });
    expect(await updateVehicleLabels(db, manager, car!.id, { licensePlate: "<script>", fleetLabel: "" })).toMatchObject({ kind: "invalid", field: "licensePlate" });
    expect(await updateVehicleLabels(db, manager, car!.id, { licensePlate: "A".repeat(17), fleetLabel: "" })).toMatchObject({ kind: "invalid", field: "licensePlate" });
    expect(await updateVehicleLabels(db, manager, car!.id, { licensePlate: "ok", fleetLabel: "bell\u0007" })).toMatchObject({ kind: "invalid", field: "fleetLabel" });
    expect(await updateVehicleLabels(db, manager, "00000000-0000-4000-8000-000000000000", { licensePlate: "", fleetLabel: "" })).toEqual({ kind: "not_found" });
    expect(await updateVehicleLabels(db, manager, "not-a-uuid", { licensePlate: "", fleetLabel: "" })).toEqual({ kind: "not_found" });

    expect(await updateVehicleLabels(db, manager, car!.id, { licensePlate: " hh-fd 204 ", fleetLabel: " Depot North " })).toEqual({
      kind: "updated",
      labels: { licensePlate: "HH-FD 204", fleetLabel: "Depot North" },
    });
    let [row] = await db.select().from(vehicles).where(eq(vehicles.id, car!.id));
    expect(row).toMatchObject({ licensePlate: "HH-FD 204", fleetLabel: "Depot North" });

    await updateVehicleLabels(db, manager, car!.id, { licensePlate: "", fleetLabel: "  " });
    [row] = await db.select().from(vehicles).where(eq(vehicles.id, car!.id));
    expect(row).toMatchObject({ licensePlate: null, fleetLabel: null });
  });
});
