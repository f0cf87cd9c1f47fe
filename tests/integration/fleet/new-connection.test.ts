import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeConnectCallback } from "@/lib/connect/callback";
import { startVehicleConnect } from "@/lib/connect/start";
import type { Database } from "@/lib/db";
import { users, vehicleSignals } from "@/lib/db/schema";
import { getVehicleDetail } from "@/lib/fleet/vehicle-detail";
import { accountVehicles, decide, logIn, parseAuthorize } from "@/lib/simulator/connect";
import type { SmartcarClient } from "@/lib/smartcar";
import { defaultFeatures, permissionName, scopeForFeatures } from "@/lib/smartcar/permissions";
import { connectVehicle, createUser, createVehicle } from "../../fixtures/fleet";
import { emulatorSmartcarClient, startEmulator, type RunningEmulator } from "../../helpers/emulator";

/** A car connected a moment ago: what the vehicle page is given to show. */

let emulator: RunningEmulator;
let db: Database;
let smartcar: SmartcarClient;
const scope = scopeForFeatures(defaultFeatures());
const requested = scope.map(permissionName);

/** Connect as an owner would: log in, keep every car, grant `granted` (the request's permissions by default). */
async function connectThroughEmulator(ownerEmail: string, oemEmail: string, granted?: (requested: string[]) => string[]) {
  const [owner] = await db.insert(users).values({ email: ownerEmail, role: "owner" }).returning();
  const session = { id: owner!.id, email: ownerEmail, name: null, role: "owner" as const };
  const parsed = parseAuthorize(emulator.simulator.ctx, new URL(await startVehicleConnect(db, smartcar, session, {})).searchParams);
  if (parsed.kind !== "ok") throw new Error("authorize rejected");
  const login = await logIn(emulator.simulator.ctx, parsed.request, "TESLA", oemEmail);
  if (login.kind !== "session") throw new Error("login failed");
  const userId = JSON.parse(Buffer.from(login.session.split(".")[0]!, "base64url").toString()).userId as string;
  const cars = await accountVehicles(emulator.simulator.ctx, userId);
  const permissions = granted ? granted(parsed.request.permissions) : parsed.request.permissions;
  const redirect = new URL(await decide(emulator.simulator.ctx, parsed.request, userId, true, cars.map((car) => car.id), permissions));
  const outcome = await completeConnectCallback(db, smartcar, owner!.id, redirect);
  if (outcome.kind !== "connected") throw new Error(outcome.kind);
  return outcome.vehicleIds[0]!;
}

beforeAll(async () => {
  emulator = await startEmulator();
  db = emulator.db.db;
  smartcar = emulatorSmartcarClient(emulator, { scope });
});

afterAll(async () => {
  await emulator?.close();
});

describe("a just-connected car", () => {
  it("is waiting for its first data until a reading arrives, not offline", async () => {
    const owner = await createUser(db, { role: "owner" });
    const car = await createVehicle(db, { lastSignalAt: null });
    await connectVehicle(db, car.id, owner.id);
    const detail = await getVehicleDetail(db, car.id, new Date(), { requestedPermissions: requested });
    expect(detail?.status).toBe("waiting");
  });

  it("shows no permission errors for signals under permissions Fleetdeck never asked for", async () => {
    const vehicleId = await connectThroughEmulator("fresh-owner@example.com", "fresh-car@example.com");
    // The car reports signals outside the grant (temperatures, speed): Smartcar answers those with PERMISSION errors.
    const stored = await db.select().from(vehicleSignals).where(eq(vehicleSignals.vehicleId, vehicleId));
    const refused = stored.filter((signal) => signal.status !== "SUCCESS").map((signal) => signal.code);
    expect(refused).toEqual(expect.arrayContaining(["climate-internaltemperature", "motion-currentspeed"]));

    const detail = await getVehicleDetail(db, vehicleId, new Date(), { requestedPermissions: requested });
    expect(detail?.signals.filter((signal) => signal.status !== "SUCCESS")).toEqual([]);
    expect(detail?.unrequestedSignalCodes.sort()).toEqual(refused.sort());
    expect(detail?.signals.some((signal) => signal.code === "vehicleidentification-vin" && signal.status === "SUCCESS")).toBe(true);
    expect(detail?.connections[0]?.missingPermissions).toEqual([]);
    expect(detail?.status).not.toBe("offline");
  });

  it("still shows a requested permission the owner did not grant, on the signal and on the connection", async () => {
    const vehicleId = await connectThroughEmulator("partial-owner@example.com", "partial-car@example.com", (asked) => asked.filter((permission) => permission !== "read_location"));
    const detail = await getVehicleDetail(db, vehicleId, new Date(), { requestedPermissions: requested });
    expect(detail?.connections[0]?.missingPermissions).toEqual(["read_location"]);
    const location = detail?.signals.find((signal) => signal.code === "location-preciselocation");
    expect(location).toMatchObject({ status: "ERROR", error: { type: "PERMISSION" } });
  });
});
