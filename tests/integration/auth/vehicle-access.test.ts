import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { canSeeVehicle, visibleVehiclesCondition } from "@/lib/auth/vehicle-access";
import type { Database } from "@/lib/db";
import { connections, smartcarUsers, vehicles } from "@/lib/db/schema";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";
import { insertUser } from "./factories";

describe.each(DATABASE_KINDS)("who sees which vehicle on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let manager: SessionUser, viewer: SessionUser, ownerA: SessionUser, ownerB: SessionUser, ownerWithout: SessionUser;
  const ids: Record<"onlyA" | "onlyB" | "shared" | "nobody", string> = { onlyA: "", onlyB: "", shared: "", nobody: "" };

  async function addVehicle(name: keyof typeof ids, owners: SessionUser[]) {
    const [vehicle] = await db
      .insert(vehicles)
      .values({ smartcarVehicleId: `sc-${name}`, make: "Tesla", model: name, year: 2024 })
      .returning({ id: vehicles.id });
    ids[name] = vehicle!.id;
    for (const owner of owners) {
      await db.insert(connections).values({ vehicleId: vehicle!.id, smartcarUserId: `sc-user-${owner.id}`, ownerId: owner.id });
    }
  }

  beforeAll(async () => {
    testDb = await openTestDatabase(kind);
    db = testDb.handle.db;
    [manager, viewer, ownerA, ownerB, ownerWithout] = await Promise.all([
      insertUser(db, { role: "manager" }),
      insertUser(db, { role: "viewer" }),
      insertUser(db, { role: "owner" }),
      insertUser(db, { role: "owner" }),
      insertUser(db, { role: "owner" }),
    ]);
    await db.insert(smartcarUsers).values([ownerA, ownerB].map((owner) => ({ id: `sc-user-${owner.id}`, userId: owner.id })));
    await addVehicle("onlyA", [ownerA]);
    await addVehicle("onlyB", [ownerB]);
    await addVehicle("shared", [ownerA, ownerB]);
    await addVehicle("nobody", []);
  });
  afterAll(async () => testDb?.close());

  async function visibleModels(user: SessionUser, extra?: ReturnType<typeof eq>) {
    const rows = await db
      .select({ model: vehicles.model })
      .from(vehicles)
      .where(and(visibleVehiclesCondition(user), extra))
      .orderBy(asc(vehicles.model));
    return rows.map((row) => row.model);
  }

  it("managers and viewers see the whole fleet, with no restriction added", async () => {
    for (const user of [manager, viewer]) {
      expect(visibleVehiclesCondition(user)).toBeUndefined();
      expect(await visibleModels(user)).toEqual(["nobody", "onlyA", "onlyB", "shared"]);
      for (const id of Object.values(ids)) expect(await canSeeVehicle(db, user, id)).toBe(true);
    }
  });

  it("an owner sees exactly the vehicles they connected, shared ones included", async () => {
    expect(await visibleModels(ownerA)).toEqual(["onlyA", "shared"]);
    expect(await visibleModels(ownerB)).toEqual(["onlyB", "shared"]);
    expect(await visibleModels(ownerWithout)).toEqual([]);

    expect(await canSeeVehicle(db, ownerA, ids.onlyA)).toBe(true);
    expect(await canSeeVehicle(db, ownerA, ids.shared)).toBe(true);
    expect(await canSeeVehicle(db, ownerA, ids.onlyB)).toBe(false);
    expect(await canSeeVehicle(db, ownerA, ids.nobody)).toBe(false);
  });

  it("the owner condition composes with other filters", async () => {
    expect(await visibleModels(ownerA, eq(vehicles.model, "onlyB"))).toEqual([]);
    expect(await visibleModels(ownerA, eq(vehicles.model, "shared"))).toEqual(["shared"]);
  });

  it("an owner asking for an unknown or malformed vehicle id gets false, not an error", async () => {
    expect(await canSeeVehicle(db, ownerA, "00000000-0000-4000-8000-000000000000")).toBe(false);
    expect(await canSeeVehicle(db, ownerA, "not-a-uuid")).toBe(false);
  });
});
