import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { connections, vehicleErrors } from "@/lib/db/schema";
import { acknowledgeErrors, AcknowledgeError, errorRecordsCsv, groupErrorRecords, listErrorRecords } from "@/lib/errors/error-center";
import { parseErrorFilters } from "@/lib/errors/filters";
import { closeErrorsAfterSuccess, recordApiError } from "@/lib/errors/record";
import { SmartcarError } from "@/lib/smartcar";
import { connectVehicle, createUser, createVehicle } from "../../fixtures/fleet";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";

const authFailed = () =>
  new SmartcarError({
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "AUTHENTICATION_FAILED",
    statusCode: 400,
    description: "Smartcar was unable to authenticate.",
    resolution: { type: "REAUTHENTICATE", url: null },
    suggestedUserMessage: "Your car got disconnected.",
  });
const rateLimited = () => new SmartcarError({ type: "RATE_LIMIT", code: "VEHICLE", statusCode: 429, description: "Too many requests.", retryAfter: 90 });
const doorOpen = () => new SmartcarError({ type: "VEHICLE_STATE", code: "DOOR_OPEN", statusCode: 409, description: "A door is open." });

describe.each(DATABASE_KINDS)("error center (%s)", (kind) => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("records API errors once per vehicle/type/code, with the next attempt, and closes them after a success", async () => {
    const owner = await createUser(db);
    const vehicle = await createVehicle(db, { make: "Ford" });
    await connectVehicle(db, vehicle.id, owner.id);
    const now = new Date("2026-11-23T12:00:00Z");

    const limitedId = await recordApiError(db, vehicle.id, rateLimited(), now);
    expect(await recordApiError(db, vehicle.id, rateLimited(), new Date(now.getTime() + 1_000))).toBe(limitedId);
    const [limited] = await db.select().from(vehicleErrors).where(eq(vehicleErrors.id, limitedId));
    expect(limited).toMatchObject({ source: "api", state: "open", occurrences: 2, statusCode: 429 });
    expect(limited!.retryAt).toEqual(new Date(now.getTime() + 1_000 + 90_000));

    await recordApiError(db, vehicle.id, authFailed(), now);
    expect((await db.select().from(connections).where(eq(connections.vehicleId, vehicle.id)))[0]!.status).toBe("needs_reauth");
    await recordApiError(db, vehicle.id, doorOpen(), now);

    // A later success closes the rate limit and the login error, not the door (that one is about a command).
    expect(await closeErrorsAfterSuccess(db, vehicle.id)).toBe(2);
    const remaining = await db.select().from(vehicleErrors).where(eq(vehicleErrors.vehicleId, vehicle.id));
    expect(remaining.filter((row) => row.state === "open").map((row) => row.code)).toEqual(["DOOR_OPEN"]);
    expect((await db.select().from(connections).where(eq(connections.vehicleId, vehicle.id)))[0]!.status).toBe("active");
  });

  it("groups open errors by type/code with counts, owners and guidance; owners only see their own; CSV has every record", async () => {
    const manager = await createUser(db, { role: "manager" });
    const make = `Grp${crypto.randomUUID().slice(0, 6)}`;
    const owners = [await createUser(db), await createUser(db)];
    const cars = [];
    for (const owner of owners) {
      const vehicle = await createVehicle(db, { make, nickname: `car of ${owner.email}` });
      await connectVehicle(db, vehicle.id, owner.id);
      await recordApiError(db, vehicle.id, authFailed());
      cars.push(vehicle);
    }
    await recordApiError(db, cars[0]!.id, rateLimited());

    const filters = parseErrorFilters({ make, sort: "vehicles" });
    const asManager = { id: manager.id, email: manager.email, name: null, role: "manager" as const };
    const records = await listErrorRecords(db, asManager, filters);
    expect(records).toHaveLength(3);
    const groups = groupErrorRecords(records, filters.sort);
    expect(groups.map((group) => group.key)).toEqual(["CONNECTED_SERVICES_ACCOUNT:AUTHENTICATION_FAILED", "RATE_LIMIT:VEHICLE"]);
    expect(groups[0]).toMatchObject({ records: 2, category: "reconnect" });
    expect(new Set(groups[0]!.owners)).toEqual(new Set(owners.map((owner) => owner.email)));
    expect(groups[1]!.category).toBe("retry");
    expect(groups[1]!.nextAttemptAt).toBeInstanceOf(Date);

    const asOwner = { id: owners[1]!.id, email: owners[1]!.email, name: null, role: "owner" as const };
    const own = await listErrorRecords(db, asOwner, filters);
    expect(own.map((record) => record.vehicleId)).toEqual([cars[1]!.id]);

    const byCategory = await listErrorRecords(db, asManager, parseErrorFilters({ make, category: "retry" }));
    expect(byCategory.map((record) => record.type)).toEqual(["RATE_LIMIT"]);

    const csv = errorRecordsCsv(records).trim().split("\r\n");
    expect(csv).toHaveLength(4);
    expect(csv[0]).toMatch(/^error_id,type,code,state,source,category,vehicle/);
    expect(csv.filter((line) => line.includes("AUTHENTICATION_FAILED"))).toHaveLength(2);
  });

  it("acknowledges by hand with a note, keeps the history and recomputes the connection", async () => {
    const manager = await createUser(db, { role: "manager" });
    const owner = await createUser(db);
    const vehicle = await createVehicle(db, { make: "Kia" });
    await connectVehicle(db, vehicle.id, owner.id);
    const errorId = await recordApiError(db, vehicle.id, authFailed());

    await expect(acknowledgeErrors(db, { errorIds: [errorId], userId: manager.id, note: "  " })).rejects.toThrow(AcknowledgeError);
    expect(await acknowledgeErrors(db, { errorIds: [errorId], userId: manager.id, note: "Car sold; owner informed." })).toBe(1);
    // Acknowledging again changes nothing.
    expect(await acknowledgeErrors(db, { errorIds: [errorId], userId: manager.id, note: "again" })).toBe(0);

    const asManager = { id: manager.id, email: manager.email, name: null, role: "manager" as const };
    const history = await listErrorRecords(db, asManager, parseErrorFilters({ state: "closed", make: "Kia" }));
    const record = history.find((row) => row.id === errorId)!;
    expect(record).toMatchObject({ state: "acknowledged", note: "Car sold; owner informed.", closedByEmail: manager.email });
    expect((await db.select().from(connections).where(eq(connections.vehicleId, vehicle.id)))[0]!.status).toBe("active");
    const open = await listErrorRecords(db, asManager, parseErrorFilters({ make: "Kia" }));
    expect(open.some((row) => row.id === errorId)).toBe(false);
  });
});
