import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { requestBulkCommand } from "@/lib/commands/bulk";
import { executeCommand, type CommandDeps } from "@/lib/commands/execute";
import { expireCommands } from "@/lib/commands/expire";
import { requestCommand } from "@/lib/commands/request";
import { loadCommandTarget } from "@/lib/commands/target";
import { getCommandView } from "@/lib/commands/views";
import { auditLog, vehicleCommands } from "@/lib/db/schema";
import { DEMO_FLEET_ACCOUNTS, DEMO_OWNER } from "@/lib/demo/identities";
import { accountVehicles, decide, logIn, parseAuthorize } from "@/lib/simulator/connect";
import { DATABASE_KINDS } from "../../helpers/databases";
import { connectionOf, demoOwner, startOperationsWorld, testSmartcarClient, type OperationsWorld } from "./harness";

const TESLA = DEMO_OWNER.vehicles[0]!;
const SECOND_TESLA = DEMO_OWNER.vehicles[1]!;
const VOLKSWAGEN_ACCOUNT = DEMO_FLEET_ACCOUNTS.find((account) => account.make === "Volkswagen")!;
const TOYOTA_ACCOUNT = DEMO_FLEET_ACCOUNTS.find((account) => account.make === "Toyota")!;

let keySequence = 0;
const key = () => `test-key-${Date.now()}-${(keySequence += 1)}`;

describe.each(DATABASE_KINDS)("remote commands on %s", (kind) => {
  let world: OperationsWorld;
  let manager: SessionUser;
  let owner: SessionUser;
  let viewer: SessionUser;
  let deps: CommandDeps;

  beforeAll(async () => {
    world = await startOperationsWorld(kind);
    manager = await world.user("manager@example.com", "manager");
    viewer = await world.user("viewer@example.com", "viewer");
    owner = await demoOwner(world.db);
    deps = { db: world.db, smartcar: world.smartcar };
  });

  afterAll(async () => {
    await world?.close();
  });

  async function run(user: SessionUser, vehicleId: string, command: "lock" | "unlock" | "start_charge" | "stop_charge" | "set_charge_limit", percent?: number) {
    const result = await requestCommand(world.db, user, vehicleId, { command, percent, idempotencyKey: key() });
    if (!result.ok) throw new Error(`refused: ${result.reason} ${result.message}`);
    const status = await executeCommand(deps, result.command.id);
    return { id: result.command.id, status };
  }

  it("unlocks and locks a car through v3 and confirms each by the car's next webhook", async () => {
    const vehicleId = await world.vehicleOf(TESLA.id);
    for (const command of ["unlock", "lock"] as const) {
      const { id, status } = await run(manager, vehicleId, command);
      expect(status).toBe("succeeded");
      await world.flush();
      const view = await getCommandView(world.db, id, "manager");
      expect(view).toMatchObject({ status: "confirmed", api: "v3", kind: command });
      expect(view!.confirmedAt).not.toBeNull();
    }
    const audit = await world.db.select().from(auditLog).where(eq(auditLog.vehicleId, vehicleId));
    expect(audit.filter((entry) => entry.action === "command.request")).toHaveLength(2);
    expect(audit.filter((entry) => entry.action === "command.result" && entry.outcome === "success")).toHaveLength(2);
  });

  it("records a command once per idempotency key, even when the same request arrives twice at once", async () => {
    const vehicleId = await world.vehicleOf(TESLA.id);
    const idempotencyKey = key();
    const [first, second] = await Promise.all([
      requestCommand(world.db, manager, vehicleId, { command: "lock", idempotencyKey }),
      requestCommand(world.db, manager, vehicleId, { command: "lock", idempotencyKey }),
    ]);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.command.id).toBe(second.command.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const rows = await world.db.select().from(vehicleCommands).where(eq(vehicleCommands.idempotencyKey, idempotencyKey));
    expect(rows).toHaveLength(1);
    // Two senders race for it: exactly one sends.
    const statuses = await Promise.all([executeCommand(deps, first.command.id), executeCommand(deps, first.command.id)]);
    expect(statuses.filter((status) => status !== null)).toEqual(["succeeded"]);
    const replay = await requestCommand(world.db, manager, vehicleId, { command: "lock", idempotencyKey });
    expect(replay).toMatchObject({ ok: true, created: false });
    const reused = await requestCommand(world.db, manager, vehicleId, { command: "unlock", idempotencyKey });
    expect(reused).toMatchObject({ ok: false, reason: "key_reused" });
    await world.flush();
  });

  it("answers 404 alike for another owner's car, refuses viewers and checks the charge limit against the make's range", async () => {
    const fleetCar = await world.vehicleOf(TOYOTA_ACCOUNT.vehicles[0]!.id);
    expect(await requestCommand(world.db, owner, fleetCar, { command: "lock", idempotencyKey: key() })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await requestCommand(world.db, owner, "00000000-0000-4000-8000-000000000000", { command: "lock", idempotencyKey: key() })).toMatchObject({ ok: false, reason: "not_found" });
    const ownCar = await world.vehicleOf(SECOND_TESLA.id);
    expect(await requestCommand(world.db, viewer, ownCar, { command: "lock", idempotencyKey: key() })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await requestCommand(world.db, owner, ownCar, { command: "set_charge_limit", percent: 45, idempotencyKey: key() })).toMatchObject({
      ok: false,
      reason: "invalid",
      allowed: { min: 50, max: 100 },
    });
    const { status } = await run(owner, ownCar, "set_charge_limit", 90);
    expect(status).toBe("succeeded");
    await world.flush();
    const [limit] = await world.db.select().from(vehicleCommands).where(and(eq(vehicleCommands.vehicleId, ownCar), eq(vehicleCommands.kind, "set_charge_limit")));
    expect(limit).toMatchObject({ status: "confirmed", percent: 90 });
  });

  it("offers per make only what the car can do, with the reason", async () => {
    const toyota = await loadCommandTarget(world.db, await world.vehicleOf(TOYOTA_ACCOUNT.vehicles.find((car) => car.powertrainType === "PHEV")!.id));
    expect(toyota!.capabilities.commands.lock.available).toBe(true);
    expect(toyota!.capabilities.commands.start_charge).toMatchObject({ available: false, reason: expect.stringContaining("Toyota") });
    const ice = await loadCommandTarget(world.db, await world.vehicleOf(TOYOTA_ACCOUNT.vehicles.find((car) => car.powertrainType === "ICE")!.id));
    expect(ice!.capabilities.commands.stop_charge.available).toBe(false);
    const volkswagen = await loadCommandTarget(world.db, await world.vehicleOf(VOLKSWAGEN_ACCOUNT.vehicles[0]!.id));
    expect(volkswagen!.capabilities.commands.lock).toMatchObject({ available: false, reason: expect.stringContaining("v2") });
  });

  it("sends through v2 with the connection's stored token where only v2 serves the make, and records the path", async () => {
    const car = VOLKSWAGEN_ACCOUNT.vehicles[0]!;
    const ctx = world.emulator.simulator.ctx;
    const parsed = parseAuthorize(ctx, new URLSearchParams({ response_type: "code", client_id: world.emulator.credentials.clientId, redirect_uri: world.emulator.credentials.redirectUri, scope: "read_vehicle_info control_security", mode: "simulated" }));
    if (parsed.kind !== "ok") throw new Error("authorize refused");
    const login = await logIn(ctx, parsed.request, "VOLKSWAGEN", VOLKSWAGEN_ACCOUNT.oemEmail);
    if (login.kind !== "session") throw new Error("login refused");
    const userId = JSON.parse(Buffer.from(login.session.split(".")[0]!, "base64url").toString()).userId as string;
    const cars = await accountVehicles(ctx, userId);
    const redirect = new URL(await decide(ctx, parsed.request, userId, true, cars.filter((candidate) => candidate.id === car.id).map((candidate) => candidate.id), parsed.request.permissions));
    const tokens = await world.smartcar.exchangeCode(redirect.searchParams.get("code")!);
    const vehicleId = await world.vehicleOf(car.id);
    await world.smartcar.vehicleTokens!.save((await connectionOf(world.db, vehicleId)).id, tokens);

    const { id, status } = await run(manager, vehicleId, "lock");
    expect(status).toBe("succeeded");
    await world.flush();
    expect(await getCommandView(world.db, id, "manager")).toMatchObject({ api: "v2", status: "confirmed" });
  });

  it("fails a command to a sleeping car with Smartcar's documented error, its meaning and the action", async () => {
    const vehicleId = await world.vehicleOf(SECOND_TESLA.id);
    await world.control("POST", `vehicles/${SECOND_TESLA.id}/actions`, { action: "sleep" });
    const { id, status } = await run(manager, vehicleId, "unlock");
    expect(status).toBe("failed");
    const view = await getCommandView(world.db, id, "manager");
    expect(view!.error).toMatchObject({ type: "VEHICLE_STATE", code: "ASLEEP", title: expect.any(String), meaning: expect.any(String), action: expect.any(String) });
    await world.flush();
  });

  it("times out a command that gets no answer, and one that was never sent", async () => {
    const vehicleId = await world.vehicleOf(TESLA.id);
    const hanging = testSmartcarClient(world.emulator, {
      requestTimeoutMs: 200,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (String(input).includes("/commands/")) return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
        return fetch(input, init);
      }) as typeof fetch,
    });
    const result = await requestCommand(world.db, manager, vehicleId, { command: "lock", idempotencyKey: key() });
    if (!result.ok) throw new Error(result.message);
    expect(await executeCommand({ db: world.db, smartcar: hanging }, result.command.id)).toBe("timed_out");
    expect((await getCommandView(world.db, result.command.id, "manager"))!.error).toMatchObject({ type: "NETWORK", code: "TIMEOUT" });

    const stranded = await requestCommand(world.db, manager, vehicleId, { command: "lock", idempotencyKey: key() });
    if (!stranded.ok) throw new Error(stranded.message);
    const { timedOut } = await expireCommands(world.db, new Date(Date.now() + 3 * 60_000));
    expect(timedOut.map((command) => command.id)).toContain(stranded.command.id);
    expect(await getCommandView(world.db, stranded.command.id, "manager")).toMatchObject({ status: "timed_out", error: { code: "NOT_SENT" } });
  });

  it("sends a bulk command only after the manager confirms the previewed count, once per vehicle", async () => {
    expect(await requestBulkCommand(world.db, owner, { command: "lock", idempotencyKey: key(), filters: {} })).toMatchObject({ ok: false, reason: "forbidden" });
    const input = { command: "lock" as const, idempotencyKey: key(), filters: { make: "Hyundai" } };
    const preview = await requestBulkCommand(world.db, manager, input);
    expect(preview).toMatchObject({ ok: true, preview: { total: 3, eligible: 3 } });
    expect(await requestBulkCommand(world.db, manager, { ...input, confirmedCount: 2 })).toMatchObject({ ok: false, reason: "changed" });
    const sent = await requestBulkCommand(world.db, manager, { ...input, confirmedCount: 3 });
    if (!sent.ok || !("commandIds" in sent)) throw new Error("bulk refused");
    expect(sent.commandIds).toHaveLength(3);
    const again = await requestBulkCommand(world.db, manager, { ...input, confirmedCount: 3 });
    expect(again).toMatchObject({ ok: true, commandIds: [] });
    for (const id of sent.commandIds) await executeCommand(deps, id);
    await world.flush();
    const rows = await world.db.select().from(vehicleCommands).where(eq(vehicleCommands.bulkId, sent.bulkId));
    expect(rows.map((row) => row.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
  });
});
