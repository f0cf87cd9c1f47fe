import { afterEach, describe, expect, it, vi } from "vitest";
import { SmartcarError } from "@/lib/smartcar/errors";
import {
  HOSTS,
  captureLogger,
  fakeFetch,
  isTokenRequest,
  json,
  smartcarError,
  testClient,
  vehicleBody,
  withTokenEndpoint,
  type RecordedRequest,
} from "./fake-smartcar";

const USER = "user-7f3a";

afterEach(() => {
  vi.useRealTimers();
});

describe("application token", () => {
  it("requests client_credentials with the credentials in the body", async () => {
    const { fetch, calls } = fakeFetch(withTokenEndpoint(() => json({})));
    const token = await testClient(fetch).getApplicationToken();
    expect(token).toMatch(/^app-token-/);
    const [request] = calls;
    expect(request!.method).toBe("POST");
    expect(request!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(request!.headers.get("authorization")).toBeNull();
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "client-id",
      client_secret: "client-secret-value",
    });
  });

  it("100 concurrent callers with an expired token cause exactly one token request", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = fakeFetch(withTokenEndpoint((request) => json(vehicleBody(request.url.pathname.split("/").at(-1)!))));
    const client = testClient(fetch);
    const first = await client.getApplicationToken();
    expect(calls.filter(isTokenRequest)).toHaveLength(1);
    // Still cached 54 minutes later…
    await vi.advanceTimersByTimeAsync(54 * 60_000);
    await Promise.all(Array.from({ length: 10 }, () => client.getApplicationToken()));
    expect(calls.filter(isTokenRequest)).toHaveLength(1);
    // …renewed once it is within five minutes of expiry, by one request for 100 callers.
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    const vehicles = await Promise.all(Array.from({ length: 100 }, (_, index) => client.getVehicle({ userId: USER, vehicleId: `veh-${index}` })));
    expect(vehicles.map((vehicle) => vehicle.id)).toEqual(Array.from({ length: 100 }, (_, index) => `veh-${index}`));
    expect(calls.filter(isTokenRequest)).toHaveLength(2);
    const renewed = await client.getApplicationToken();
    expect(renewed).not.toBe(first);
    const apiCalls = calls.filter((call) => !isTokenRequest(call));
    expect(apiCalls.every((call) => call.headers.get("authorization") === `Bearer ${renewed}`)).toBe(true);
  });

  it("a 401 from the API invalidates the token and retries once with a new one", async () => {
    let valid = "";
    const { fetch, calls } = fakeFetch((request) => {
      if (isTokenRequest(request)) {
        valid = `token-${calls.filter(isTokenRequest).length}`;
        return json({ access_token: valid, expires_in: 3600 });
      }
      // The first token is revoked as soon as it is issued.
      return request.headers.get("authorization") === "Bearer token-2" ? json(vehicleBody("v1")) : smartcarError("AUTHENTICATION", null, 401);
    });
    const vehicle = await testClient(fetch).getVehicle({ userId: USER, vehicleId: "v1" });
    expect(vehicle.make).toBe("TESLA");
    expect(calls.map((call) => `${call.url.origin}:${call.headers.get("authorization") ?? "-"}`)).toEqual([
      `${HOSTS.iam}:-`,
      `${HOSTS.vehicleApi}:Bearer token-1`,
      `${HOSTS.iam}:-`,
      `${HOSTS.vehicleApi}:Bearer token-2`,
    ]);
    expect(valid).toBe("token-2");
  });

  it("a second 401 is an error, not a loop", async () => {
    const { fetch, calls } = fakeFetch(withTokenEndpoint(() => smartcarError("AUTHENTICATION", null, 401)));
    const error = await testClient(fetch).getVehicle({ userId: USER, vehicleId: "v1" }).catch((caught) => caught);
    expect(error).toBeInstanceOf(SmartcarError);
    expect(error).toMatchObject({ type: "AUTHENTICATION", statusCode: 401 });
    expect(calls.filter((call) => !isTokenRequest(call))).toHaveLength(2);
  });

  it("an invalid_client from iam surfaces as an OAuth error", async () => {
    const { fetch } = fakeFetch(() => json({ error: "invalid_client", error_description: "Invalid client credentials." }, 401));
    await expect(testClient(fetch).getApplicationToken()).rejects.toMatchObject({ type: "OAUTH", code: "invalid_client", statusCode: 401 });
  });
});

describe("v3 calls", () => {
  it("always send sc-user-id and the bearer app token, and refuse to run without a user", async () => {
    const { fetch, calls } = fakeFetch(
      withTokenEndpoint((request) => {
        if (request.url.pathname.endsWith("/signals/closure-islocked")) {
          return json({ id: "closure-islocked", type: "signal", attributes: { code: "closure-islocked", name: "IsLocked", group: "Closure", status: { value: "SUCCESS" }, body: { value: true } } });
        }
        if (request.url.pathname.includes("/commands/")) {
          return json({ data: { id: "exec_1", type: "command-execution", attributes: { commandType: "x", status: { value: "SUCCESS" }, executionMode: "sync" } } });
        }
        return json(vehicleBody("v1"));
      }),
    );
    const client = testClient(fetch);
    const ref = { userId: USER, vehicleId: "v1" };
    await client.getVehicle(ref);
    await client.getSignal(ref, "closure-islocked");
    await client.lock(ref);
    await client.unlock(ref);
    await client.startCharge(ref);
    await client.stopCharge(ref);
    await client.setChargeLimit(ref, 80);
    const apiCalls = calls.filter((call) => !isTokenRequest(call));
    expect(apiCalls.map((call) => `${call.method} ${call.url.pathname}`)).toEqual([
      "GET /v3/vehicles/v1",
      "GET /v3/vehicles/v1/signals/closure-islocked",
      "POST /v3/vehicles/v1/commands/security/lock",
      "POST /v3/vehicles/v1/commands/security/unlock",
      "POST /v3/vehicles/v1/commands/charge/start",
      "POST /v3/vehicles/v1/commands/charge/stop",
      "POST /v3/vehicles/v1/commands/charge/set-limit",
    ]);
    for (const call of apiCalls) {
      expect(call.headers.get("sc-user-id")).toBe(USER);
      expect(call.headers.get("authorization")).toMatch(/^Bearer app-token-/);
    }
    expect(JSON.parse(apiCalls.at(-1)!.body)).toEqual({ data: { attributes: { percent: 80 } } });
    await expect(client.getVehicle({ userId: "", vehicleId: "v1" })).rejects.toThrow(/sc-user-id/);
    expect(() => client.setChargeLimit(ref, 120)).toThrow(RangeError);
  });

  it("reads all signal pages", async () => {
    const all = Array.from({ length: 5 }, (_, index) => ({
      id: `group-s${index}`,
      type: "signal",
      attributes: { code: `group-s${index}`, name: `S${index}`, group: "Group", status: { value: "SUCCESS" }, body: { value: index } },
      meta: { retrievedAt: 1752104218549, oemUpdatedAt: 1752104118549 },
    }));
    const { fetch, calls } = fakeFetch(
      withTokenEndpoint((request) => {
        const page = Number(request.url.searchParams.get("page") ?? "1");
        return json({
          data: all.slice((page - 1) * 2, page * 2),
          meta: { page, pageSize: 2, totalCount: 5 },
          links: { next: page < 3 ? `/vehicles/v1/signals?page=${page + 1}&pageSize=2` : null },
        });
      }),
    );
    const signals = await testClient(fetch).listSignals({ userId: USER, vehicleId: "v1" });
    expect(signals.map((signal) => signal.body)).toEqual([0, 1, 2, 3, 4].map((value) => ({ value })));
    expect(calls.filter((call) => !isTokenRequest(call)).map((call) => call.url.search)).toEqual(["", "?page=2", "?page=3"]);
  });

  it("lists connections page by page with filters", async () => {
    const connection = (id: string) => ({ id, type: "connection", attributes: { permissions: [] }, relationships: { vehicle: { data: { id: `veh-${id}` } }, user: { data: { id: USER } } } });
    const { fetch, calls } = fakeFetch(
      withTokenEndpoint((request) => {
        const page = Number(request.url.searchParams.get("page"));
        return json({ data: page === 1 ? [connection("a"), connection("b")] : [connection("c")], meta: { page, pageSize: 2, totalCount: 3 } });
      }),
    );
    const connections = await testClient(fetch).listConnections({ userId: USER, mode: "simulated" }, 2);
    expect(connections.map((item) => item.vehicleId)).toEqual(["veh-a", "veh-b", "veh-c"]);
    const apiCalls = calls.filter((call) => !isTokenRequest(call));
    expect(apiCalls).toHaveLength(2);
    expect(Object.fromEntries(apiCalls[1]!.url.searchParams)).toEqual({ "filter[user_id]": USER, "filter[mode]": "simulated", page: "2", pageSize: "2" });
    expect(apiCalls[1]!.headers.get("sc-user-id")).toBe(USER);
  });

  it("rejects a response it cannot read as a typed CLIENT error", async () => {
    const { fetch } = fakeFetch(withTokenEndpoint(() => json({ data: { id: "v1" } })));
    await expect(testClient(fetch).getVehicle({ userId: USER, vehicleId: "v1" })).rejects.toMatchObject({ type: "CLIENT", code: "INVALID_RESPONSE" });
  });
});

describe("retries, limits and timeouts", () => {
  it("waits out a 429 retry-after before retrying, and holds other calls to that vehicle", async () => {
    vi.useFakeTimers();
    let throttled = true;
    const { fetch, calls } = fakeFetch(
      withTokenEndpoint((request) => {
        if (throttled && request.url.pathname === "/v3/vehicles/v1") {
          throttled = false;
          return smartcarError("RATE_LIMIT", "VEHICLE", 429, { "retry-after": "5" });
        }
        return json(vehicleBody(request.url.pathname.split("/").at(-1)!));
      }),
    );
    const client = testClient(fetch, { random: () => 0 });
    let done = false;
    const pending = client.getVehicle({ userId: USER, vehicleId: "v1" }).then((vehicle) => {
      done = true;
      return vehicle;
    });
    await vi.advanceTimersByTimeAsync(10);
    let otherDone = false;
    void client.getVehicle({ userId: USER, vehicleId: "v1" }).then(() => (otherDone = true));
    const unrelated = await client.getVehicle({ userId: USER, vehicleId: "v2" });
    expect(unrelated.id).toBe("v2");
    await vi.advanceTimersByTimeAsync(4_900);
    expect(done).toBe(false);
    expect(otherDone).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).id).toBe("v1");
    await vi.advanceTimersByTimeAsync(0);
    expect(otherDone).toBe(true);
    expect(calls.filter((call) => call.url.pathname === "/v3/vehicles/v1")).toHaveLength(3);
  });

  it("backs off exponentially on retryable errors and gives up after maxAttempts", async () => {
    vi.useFakeTimers();
    const times: number[] = [];
    const { fetch } = fakeFetch(
      withTokenEndpoint(() => {
        times.push(Date.now());
        return smartcarError("UPSTREAM", "NO_RESPONSE", 502);
      }),
    );
    const client = testClient(fetch, { maxAttempts: 4, backoff: { baseMs: 1_000, capMs: 3_000 }, random: () => 1 });
    const outcome = client.getVehicle({ userId: USER, vehicleId: "v1" }).catch((error) => error);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await outcome;
    expect(error).toMatchObject({ type: "UPSTREAM", code: "NO_RESPONSE", statusCode: 502 });
    expect(times.slice(1).map((time, index) => time - times[index]!)).toEqual([1_000, 2_000, 3_000]);
  });

  it("does not retry errors that need a person (vehicle state, permission, billing)", async () => {
    for (const [type, code, status] of [
      ["VEHICLE_STATE", "ASLEEP", 409],
      ["PERMISSION", null, 403],
      ["BILLING", "VEHICLE_REQUEST_LIMIT", 430],
      ["CONNECTED_SERVICES_ACCOUNT", "AUTHENTICATION_FAILED", 400],
    ] as const) {
      const { fetch, calls } = fakeFetch(withTokenEndpoint(() => smartcarError(type, code, status)));
      await expect(testClient(fetch).getVehicle({ userId: USER, vehicleId: "v1" })).rejects.toMatchObject({ type, code, statusCode: status });
      expect(calls.filter((call) => !isTokenRequest(call))).toHaveLength(1);
    }
  });

  it("gives up at once when retry-after is longer than it is willing to wait", async () => {
    const { fetch, calls } = fakeFetch(withTokenEndpoint(() => smartcarError("RATE_LIMIT", "VEHICLE", 429, { "retry-after": "3600" })));
    await expect(testClient(fetch, { maxRetryWaitMs: 60_000 }).getVehicle({ userId: USER, vehicleId: "v1" })).rejects.toMatchObject({ retryAfter: 3600 });
    expect(calls.filter((call) => !isTokenRequest(call))).toHaveLength(1);
  });

  it("times out a request that does not answer", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = fakeFetch(
      withTokenEndpoint(
        (request: RecordedRequest) =>
          new Promise<Response>((_, reject) => request.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))),
      ),
    );
    const outcome = testClient(fetch, { requestTimeoutMs: 2_000, maxAttempts: 2, backoff: { baseMs: 100, capMs: 100 } })
      .getVehicle({ userId: USER, vehicleId: "v1" })
      .catch((error) => error);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls.filter((call) => !isTokenRequest(call))).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await outcome).toMatchObject({ type: "NETWORK", code: "TIMEOUT" });
    expect(calls.filter((call) => !isTokenRequest(call))).toHaveLength(2);
  });

  it("the client-side bucket holds requests back to the configured rate", async () => {
    const { fetch, calls } = fakeFetch(withTokenEndpoint((request) => json(vehicleBody(request.url.pathname.split("/").at(-1)!))));
    const client = testClient(fetch, { rateLimit: { burst: 2, refillPerMinute: 1 }, maxRetryWaitMs: 1_000 });
    await client.getVehicle({ userId: USER, vehicleId: "a" });
    await client.getVehicle({ userId: USER, vehicleId: "b" });
    await expect(client.getVehicle({ userId: USER, vehicleId: "c" })).rejects.toMatchObject({ type: "CLIENT", code: "RATE_LIMITED" });
    expect(calls.filter((call) => !isTokenRequest(call))).toHaveLength(2);
  });
});

describe("v2 and management calls", () => {
  it("sends v2 commands and reads with a per-vehicle token and returns the data headers", async () => {
    const { fetch, calls } = fakeFetch((request) => {
      if (request.method === "POST") return json({ status: "success", message: "Successfully sent request to vehicle" });
      return json({ distance: 1234.5 }, 200, { "sc-data-age": "2026-11-20T10:00:00.000Z", "sc-unit-system": "metric", "sc-request-id": "r-9" });
    });
    const client = testClient(fetch);
    const ref = { vehicleId: "veh-9", accessToken: "vehicle-access" };
    expect((await client.v2Api.lock(ref)).data).toEqual({ status: "success", message: "Successfully sent request to vehicle" });
    await client.v2Api.unlock(ref);
    await client.v2Api.startCharge(ref);
    await client.v2Api.stopCharge(ref);
    const odometer = await client.v2Api.odometer(ref);
    expect(odometer).toEqual({ data: { distance: 1234.5 }, meta: { requestId: "r-9", dataAge: new Date("2026-11-20T10:00:00.000Z"), fetchedAt: null, unitSystem: "metric" } });
    expect(calls.map((call) => `${call.method} ${call.url.origin}${call.url.pathname} ${call.body}`)).toEqual([
      `POST ${HOSTS.api}/v2.0/vehicles/veh-9/security {"action":"LOCK"}`,
      `POST ${HOSTS.api}/v2.0/vehicles/veh-9/security {"action":"UNLOCK"}`,
      `POST ${HOSTS.api}/v2.0/vehicles/veh-9/charge {"action":"START"}`,
      `POST ${HOSTS.api}/v2.0/vehicles/veh-9/charge {"action":"STOP"}`,
      `GET ${HOSTS.api}/v2.0/vehicles/veh-9/odometer `,
    ]);
    expect(calls.every((call) => call.headers.get("authorization") === "Bearer vehicle-access")).toBe(true);
  });

  it("exchanges a code with Basic client auth", async () => {
    const { fetch, calls } = fakeFetch(() => json({ access_token: "acc", token_type: "Bearer", expires_in: 7200, refresh_token: "ref" }));
    const before = Date.now();
    const pair = await testClient(fetch).exchangeCode("code-1");
    expect(pair.accessToken).toBe("acc");
    expect(pair.refreshToken).toBe("ref");
    expect(pair.accessExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 7_200_000);
    expect(pair.refreshExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 60 * 86_400_000);
    const [request] = calls;
    expect(`${request!.url.origin}${request!.url.pathname}`).toBe(`${HOSTS.auth}/oauth/token`);
    expect(request!.headers.get("authorization")).toBe(`Basic ${Buffer.from("client-id:client-secret-value").toString("base64")}`);
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      grant_type: "authorization_code",
      code: "code-1",
      redirect_uri: "https://fleet.test/api/smartcar/callback",
    });
  });

  it("lists and deletes management connections with Basic default:<AMT>", async () => {
    const { fetch, calls } = fakeFetch((request) => {
      if (request.method === "DELETE") return json({ connections: [{ userId: "u1", vehicleId: "v1" }] });
      const cursor = request.url.searchParams.get("cursor");
      return json(
        cursor
          ? { connections: [{ userId: "u2", vehicleId: "v2", connectedAt: "2026-01-01T00:00:00Z", mode: "live" }], paging: { cursor: null } }
          : { connections: [{ userId: "u1", vehicleId: "v1", createdAt: "2025-01-01T00:00:00Z" }], paging: { cursor: "c2" } },
      );
    });
    const client = testClient(fetch);
    const listed = await client.listManagementConnections({ mode: "live" });
    expect(listed.map((item) => item.vehicleId)).toEqual(["v1", "v2"]);
    expect(await client.deleteManagementConnections({ userId: "u1", vehicleId: "v1" })).toEqual([{ userId: "u1", vehicleId: "v1" }]);
    expect(calls.every((call) => call.headers.get("authorization") === `Basic ${Buffer.from("default:management-token-value").toString("base64")}`)).toBe(true);
    expect(calls.map((call) => `${call.method} ${call.url.pathname}?${call.url.searchParams}`)).toEqual([
      "GET /v2.0/management/connections?mode=live&limit=100",
      "GET /v2.0/management/connections?mode=live&limit=100&cursor=c2",
      "DELETE /v2.0/management/connections?user_id=u1&vehicle_id=v1",
    ]);
    await expect(client.deleteManagementConnections({})).rejects.toThrow(TypeError);
  });
});

describe("logs", () => {
  it("log method, redacted path, status, latency and request id, never tokens or secrets", async () => {
    const { fetch } = fakeFetch(
      withTokenEndpoint((request) =>
        request.url.pathname.endsWith("/v2") ? smartcarError("VEHICLE_STATE", "ASLEEP", 409, { "sc-request-id": "req-2" }) : json(vehicleBody("veh-secret-id"), 200, { "sc-request-id": "req-1" }),
      ),
    );
    const logger = captureLogger();
    const client = testClient(fetch, { logger });
    await client.getVehicle({ userId: USER, vehicleId: "veh-secret-id" });
    await client.getVehicle({ userId: USER, vehicleId: "v2" }).catch(() => {});
    await client.v2Api.lock({ vehicleId: "veh-secret-id", accessToken: "vehicle-access-secret" }).catch(() => {});
    const text = logger.lines.join("\n");
    for (const secret of ["app-token-", "client-secret-value", "management-token-value", "vehicle-access-secret", "veh-secret-id", USER]) {
      expect(text).not.toContain(secret);
    }
    const parsed = logger.lines.map((line) => JSON.parse(line));
    expect(parsed).toContainEqual(expect.objectContaining({ smartcar: "v3.vehicle", method: "GET", path: "/v3/vehicles/:id", status: 200, requestId: "req-1", latencyMs: expect.any(Number) }));
    expect(parsed).toContainEqual(expect.objectContaining({ path: "/v3/vehicles/:id", status: 409, requestId: "req-body", error: expect.objectContaining({ type: "VEHICLE_STATE", code: "ASLEEP" }) }));
  });
});

describe("Connect URLs from configuration", () => {
  it("fills client id, redirect URI, scope, mode and country", () => {
    const { fetch } = fakeFetch(() => json({}));
    const client = testClient(fetch, { scope: ["required:read_vehicle_info", "read_odometer"], connectMode: "simulated", country: "DE" });
    const url = new URL(client.authorizeUrl({ state: "abc", make: "TESLA" }));
    expect(url.origin + url.pathname).toBe(`${HOSTS.connect}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "client-id",
      redirect_uri: "https://fleet.test/api/smartcar/callback",
      scope: "required:read_vehicle_info read_odometer",
      state: "abc",
      approval_prompt: "auto",
      mode: "simulated",
      make: "TESLA",
      flags: "country:DE",
    });
  });

  it("builds the re-authentication link from an error's partial resolution URL", () => {
    const { fetch } = fakeFetch(() => json({}));
    const client = testClient(fetch);
    const error = new SmartcarError({
      type: "CONNECTED_SERVICES_ACCOUNT",
      code: "AUTHENTICATION_FAILED",
      statusCode: 400,
      description: "d",
      resolution: { type: "REAUTHENTICATE", url: "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=client-id&vehicle_id=v1" },
    });
    const url = new URL(client.reauthenticateUrlForError(error, "v1", { state: "s" }));
    expect(url.origin).toBe(HOSTS.connect);
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: "vehicle_id", client_id: "client-id", vehicle_id: "v1", redirect_uri: "https://fleet.test/api/smartcar/callback", state: "s" });
    const withoutUrl = new SmartcarError({ type: "PERMISSION", code: null, statusCode: 403, description: "d" });
    expect(client.reauthenticateUrlForError(withoutUrl, "v7")).toContain("vehicle_id=v7");
  });
});
