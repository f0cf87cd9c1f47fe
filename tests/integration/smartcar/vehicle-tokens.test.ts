import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "@/lib/db/client";
import { applicationTokens, connections, smartcarUsers, users, vehicleTokens, vehicles } from "@/lib/db/schema";
import { refreshAgingVehicleTokens } from "@/lib/smartcar/refresh-job";
import { TokenDecryptionError } from "@/lib/smartcar/token-crypto";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";
import { HOSTS, captureLogger, fakeFetch, isTokenRequest, json, testClient, type RecordedRequest } from "../../unit/smartcar/fake-smartcar";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A fake v2 auth server that honours single-use refresh tokens, slowly enough for refreshes to overlap. */
function fakeAuthServer(initialRefreshToken: string, delayMs = 30) {
  let generation = 0;
  const live = new Set([initialRefreshToken]);
  const used: string[] = [];
  const reused: string[] = [];
  const route = async (request: RecordedRequest) => {
    if (request.url.origin !== HOSTS.auth) return json({ status: "success" });
    const form = new URLSearchParams(request.body);
    const token = form.get("refresh_token")!;
    used.push(token);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!live.delete(token)) {
      reused.push(token);
      return json({ error: "invalid_grant", error_description: "Invalid, expired or already used refresh token." }, 400);
    }
    generation += 1;
    live.add(`refresh-${generation}`);
    return json({ access_token: `access-${generation}`, token_type: "Bearer", expires_in: 7200, refresh_token: `refresh-${generation}` });
  };
  return { route, used, reused };
}

async function insertConnection(db: Database): Promise<string> {
  const suffix = randomBytes(4).toString("hex");
  const [user] = await db.insert(users).values({ email: `owner-${suffix}@example.com`, role: "owner" }).returning();
  await db.insert(smartcarUsers).values({ id: `sc-user-${suffix}`, userId: user!.id });
  const [vehicle] = await db.insert(vehicles).values({ smartcarVehicleId: `sc-veh-${suffix}`, make: "TESLA", model: "Model 3", year: 2022 }).returning();
  const [connection] = await db
    .insert(connections)
    .values({ vehicleId: vehicle!.id, smartcarUserId: `sc-user-${suffix}`, ownerId: user!.id, auth: "v2_vehicle_token" })
    .returning();
  return connection!.id;
}

const expiredPair = (refreshToken = "refresh-0") => ({
  accessToken: "access-0",
  refreshToken,
  accessExpiresAt: new Date(Date.now() - 1_000),
  refreshExpiresAt: new Date(Date.now() + 59 * DAY),
});

describe.each(DATABASE_KINDS)("v2 vehicle tokens on %s", (kind) => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
  });
  const secondHandles: Array<DatabaseHandle | null> = [];
  afterAll(async () => {
    await Promise.all(secondHandles.map((handle) => handle?.close()));
    await database.close();
  });

  it("stores tokens encrypted and reads them back", async () => {
    const connectionId = await insertConnection(db);
    const client = testClient(fakeFetch(() => json({})).fetch, { db, databaseKind: kind, encryptionKeys: [k1] });
    await client.vehicleTokens!.save(connectionId, { ...expiredPair(), accessToken: "plain-access", accessExpiresAt: new Date(Date.now() + 2 * HOUR) });
    const [row] = await db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId));
    expect(row!.accessTokenEncrypted).not.toContain("plain-access");
    expect(row!.refreshTokenEncrypted).not.toContain("refresh-0");
    expect(row!.keyId).toBe("k1");
    expect(await client.vehicleTokens!.getAccess(connectionId)).toEqual({ accessToken: "plain-access", version: 1 });
  });

  it("20 concurrent callers with an expired token cause one refresh; all get the new token", async () => {
    const connectionId = await insertConnection(db);
    const server = fakeAuthServer("refresh-0");
    const client = testClient(fakeFetch(server.route).fetch, { db, databaseKind: kind, encryptionKeys: [k1] });
    await client.vehicleTokens!.save(connectionId, expiredPair());
    const results = await Promise.all(Array.from({ length: 20 }, () => client.vehicleTokens!.getAccess(connectionId)));
    expect(server.used).toEqual(["refresh-0"]);
    expect(results.every((access) => access.accessToken === "access-1" && access.version === 2)).toBe(true);
    // The next rotation uses the new refresh token, never the retired one.
    await db.update(vehicleTokens).set({ accessExpiresAt: new Date(Date.now() - 1) }).where(eq(vehicleTokens.connectionId, connectionId));
    expect((await client.vehicleTokens!.getAccess(connectionId)).accessToken).toBe("access-2");
    expect(server.used).toEqual(["refresh-0", "refresh-1"]);
    expect(server.reused).toEqual([]);
  });

  it("two instances refreshing the same vehicle at once collapse into one refresh", async () => {
    const connectionId = await insertConnection(db);
    const server = fakeAuthServer("refresh-0", 80);
    const { fetch } = fakeFetch(server.route);
    // PostgreSQL: a second handle, as another server process would have — only the row lock and the
    // version keep them apart. PGlite is one process: two clients there share the in-process flight.
    const second = database.handle.kind === "postgres" ? openDatabase({ kind: "postgres", url: String(database.handle.pool.options.connectionString) }) : null;
    secondHandles.push(second);
    const instances = [
      testClient(fetch, { db, databaseKind: kind, encryptionKeys: [k1] }),
      testClient(fetch, { db: second?.db ?? db, databaseKind: kind, encryptionKeys: [k1] }),
    ];
    await instances[0]!.vehicleTokens!.save(connectionId, expiredPair());
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => instances[index % 2]!.vehicleTokens!.getAccess(connectionId)));
    expect(server.used).toEqual(["refresh-0"]);
    expect(server.reused).toEqual([]);
    expect(new Set(results.map((access) => access.accessToken))).toEqual(new Set(["access-1"]));
    const [row] = await db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId));
    expect(row!.version).toBe(2);
  });

  it("a v2 call refused with 401 rotates once and retries with the new token", async () => {
    const connectionId = await insertConnection(db);
    const server = fakeAuthServer("refresh-0");
    const { fetch, calls } = fakeFetch(async (request) => {
      if (request.url.origin === HOSTS.auth) return server.route(request);
      return request.headers.get("authorization") === "Bearer access-1"
        ? json({ status: "success", message: "Successfully sent request to vehicle" })
        : json({ type: "AUTHENTICATION", code: null, description: "expired", statusCode: 401 }, 401);
    });
    const client = testClient(fetch, { db, databaseKind: kind, encryptionKeys: [k1] });
    await client.vehicleTokens!.save(connectionId, { ...expiredPair(), accessExpiresAt: new Date(Date.now() + HOUR) });
    const result = await client.v2Api.lock({ vehicleId: "sc-veh", connectionId });
    expect(result.data.status).toBe("success");
    expect(server.used).toEqual(["refresh-0"]);
    expect(calls.filter((call) => call.url.origin === HOSTS.api).map((call) => call.headers.get("authorization"))).toEqual(["Bearer access-0", "Bearer access-1"]);
  });

  it("key rotation: old rows decrypt with the old key and are rewritten with the new one", async () => {
    const connectionId = await insertConnection(db);
    const before = testClient(fakeFetch(() => json({})).fetch, { db, databaseKind: kind, encryptionKeys: [k1] });
    await before.vehicleTokens!.save(connectionId, { ...expiredPair(), accessToken: "kept-access", accessExpiresAt: new Date(Date.now() + 2 * HOUR) });
    const after = testClient(fakeFetch(() => json({})).fetch, { db, databaseKind: kind, encryptionKeys: [k2, k1] });
    expect((await after.vehicleTokens!.getAccess(connectionId)).accessToken).toBe("kept-access");
    expect(await after.vehicleTokens!.reencryptWithCurrentKey()).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId));
    expect(row!.keyId).toBe("k2");
    const onlyNewKey = testClient(fakeFetch(() => json({})).fetch, { db, databaseKind: kind, encryptionKeys: [k2] });
    expect((await onlyNewKey.vehicleTokens!.getAccess(connectionId)).accessToken).toBe("kept-access");
  });

  it("detects a tampered or swapped ciphertext in the database", async () => {
    const a = await insertConnection(db);
    const b = await insertConnection(db);
    const client = testClient(fakeFetch(() => json({})).fetch, { db, databaseKind: kind, encryptionKeys: [k1] });
    const fresh = { ...expiredPair(), accessExpiresAt: new Date(Date.now() + 2 * HOUR) };
    await client.vehicleTokens!.save(a, fresh);
    await client.vehicleTokens!.save(b, fresh);
    const [rowA] = await db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, a));
    await db.update(vehicleTokens).set({ accessTokenEncrypted: rowA!.accessTokenEncrypted }).where(eq(vehicleTokens.connectionId, b));
    await expect(client.vehicleTokens!.getAccess(b)).rejects.toBeInstanceOf(TokenDecryptionError);
  });

  it("the scheduled job rotates aging tokens and flags refused ones for re-authentication", async () => {
    const aging = await insertConnection(db);
    const dead = await insertConnection(db);
    const young = await insertConnection(db);
    const server = fakeAuthServer("aging-refresh");
    const logger = captureLogger();
    const client = testClient(fakeFetch(server.route).fetch, { db, databaseKind: kind, encryptionKeys: [k1] });
    const fresh = { accessToken: "a", accessExpiresAt: new Date(Date.now() + HOUR) };
    await client.vehicleTokens!.save(aging, { ...fresh, refreshToken: "aging-refresh", refreshExpiresAt: new Date(Date.now() + 20 * DAY) });
    await client.vehicleTokens!.save(dead, { ...fresh, refreshToken: "revoked-refresh", refreshExpiresAt: new Date(Date.now() + 10 * DAY) });
    await client.vehicleTokens!.save(young, { ...fresh, refreshToken: "young-refresh", refreshExpiresAt: new Date(Date.now() + 59 * DAY) });
    const result = await refreshAgingVehicleTokens({ db, store: client.vehicleTokens!, logger });
    expect(result).toMatchObject({ refreshed: 1, needsReauthentication: 1, failed: 0 });
    expect(new Set(server.used)).toEqual(new Set(["aging-refresh", "revoked-refresh"]));
    const statuses = await db.select({ id: connections.id, status: connections.status }).from(connections);
    expect(statuses.find((row) => row.id === dead)!.status).toBe("needs_reauth");
    expect(statuses.find((row) => row.id === aging)!.status).toBe("active");
    const [agingRow] = await db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, aging));
    expect(agingRow!.refreshExpiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * DAY);
    expect(logger.lines.join("\n")).not.toMatch(/refresh-\d|aging-refresh|revoked-refresh/);
  });

  it("shares the v3 application token between instances through the database", async () => {
    const { fetch, calls } = fakeFetch((request) =>
      isTokenRequest(request) ? json({ access_token: `shared-${calls.length}`, expires_in: 3600 }) : json({}),
    );
    const options = { db, databaseKind: kind, encryptionKeys: [k1], shareApplicationToken: true, clientId: `client-${kind}` };
    const first = await testClient(fetch, options).getApplicationToken();
    const second = await testClient(fetch, options).getApplicationToken();
    expect(second).toBe(first);
    expect(calls.filter(isTokenRequest)).toHaveLength(1);
    const [row] = await db.select().from(applicationTokens).where(eq(applicationTokens.clientId, `client-${kind}`));
    expect(row!.accessTokenEncrypted).not.toContain(first);
  });
});
