import { and, eq, type SQL } from "drizzle-orm";
import { accessVehicle, v3Principal, type Principal } from "./access";
import { COMMAND_PERMISSION, executeCommand, type CommandType } from "./commands";
import type { SimulatorContext } from "./context";
import { simConnections } from "./db/schema";
import { SimulatorApiError } from "./errors";
import { json, notFound, pageParams, readJson } from "./http";
import { revokeUserTokens } from "./oauth";
import { permissionForSignal, vehicleSignals, type SimulatedSignal } from "./signals";
import { listVehicles, simulatedNow, type SimConnection, type SimVehicle } from "./store";
import { resolveBearer } from "./tokens";

/** The v3 Vehicle API (`vehicle.api.smartcar.com/v3`), JSON:API shapes per contract §3.2–3.3. */

const SIGNAL_PAGE = { size: 50, max: 100 };

function vehicleResource(vehicle: SimVehicle, connection: SimConnection) {
  return {
    id: vehicle.id,
    type: "vehicle",
    attributes: { make: vehicle.make, model: vehicle.model, year: vehicle.year, powertrainType: vehicle.powertrainType, mode: connection.mode },
    links: { self: `/vehicles/${vehicle.id}` },
  };
}

function connectionResource(connection: SimConnection, vehicle: SimVehicle | undefined) {
  return {
    id: connection.id,
    type: "connection",
    attributes: {
      permissions: connection.permissions,
      vehicle: vehicle
        ? { make: vehicle.make, model: vehicle.model, year: vehicle.year, mode: connection.mode, powertrainType: vehicle.powertrainType }
        : null,
    },
    relationships: {
      vehicle: { data: { id: connection.vehicleId, type: "vehicle" }, links: { related: `/vehicles/${connection.vehicleId}` } },
      user: { data: { id: connection.userId, type: "user" } },
    },
    meta: { createdAt: connection.createdAt.toISOString(), updatedAt: connection.updatedAt.toISOString() },
    links: { self: `/connections/${connection.id}` },
  };
}

function signalResource(vehicleId: string, signal: SimulatedSignal, permissions: string[], retrievedAt: number) {
  const permitted = permissions.includes(permissionForSignal(signal.code));
  const self = `/vehicles/${vehicleId}/signals/${signal.code}`;
  return {
    id: signal.code,
    type: "signal",
    attributes: {
      code: signal.code,
      name: signal.name,
      group: signal.group,
      status: permitted
        ? { value: "SUCCESS" }
        : {
            value: "ERROR",
            error: {
              type: "PERMISSION",
              code: null,
              description: `The connection lacks the ${permissionForSignal(signal.code)} permission.`,
              resolution: { type: "REAUTHENTICATE" },
            },
          },
      ...(permitted ? { body: signal.body } : {}),
    },
    meta: { retrievedAt, oemUpdatedAt: signal.oemUpdatedAt },
    links: { self, values: self, vehicle: `/vehicles/${vehicleId}` },
  };
}

function dataHeaders(vehicle: SimVehicle, retrievedAt: number): Record<string, string> {
  return {
    "sc-data-age": new Date(vehicle.state.oemUpdatedAt).toISOString(),
    "sc-fetched-at": new Date(retrievedAt).toISOString(),
  };
}

function pageLinks(base: string, page: number, size: number, total: number) {
  const last = Math.max(1, Math.ceil(total / size));
  const link = (number: number) => `${base}?page=${number}&pageSize=${size}`;
  return {
    self: link(page),
    first: link(1),
    previous: page > 1 ? link(page - 1) : null,
    next: page < last ? link(page + 1) : null,
    last: link(last),
  };
}

async function listSignals(ctx: SimulatorContext, principal: Principal, vehicleId: string, url: URL): Promise<Response> {
  const { page, size } = pageParams(url, SIGNAL_PAGE);
  const { vehicle, connection } = await accessVehicle(ctx, principal, vehicleId);
  const retrievedAt = await simulatedNow(ctx);
  const all = vehicleSignals(vehicle.state, vehicle.nickname, { vin: vehicle.vin });
  const items = all.slice((page - 1) * size, page * size);
  return json(
    {
      data: items.map((signal) => signalResource(vehicle.id, signal, connection.permissions, retrievedAt)),
      meta: { page, pageSize: size, totalCount: all.length },
      links: pageLinks(`/vehicles/${vehicle.id}/signals`, page, size, all.length),
      included: { vehicle: vehicleResource(vehicle, connection) },
    },
    200,
    dataHeaders(vehicle, retrievedAt),
  );
}

async function getSignal(ctx: SimulatorContext, principal: Principal, vehicleId: string, code: string): Promise<Response> {
  const { vehicle, connection } = await accessVehicle(ctx, principal, vehicleId);
  const retrievedAt = await simulatedNow(ctx);
  const signal = vehicleSignals(vehicle.state, vehicle.nickname, { vin: vehicle.vin }).find((candidate) => candidate.code === code.toLowerCase());
  if (!signal) throw new SimulatorApiError("COMPATIBILITY", "VEHICLE_NOT_CAPABLE", { description: `The vehicle does not report ${code}.` });
  return json(signalResource(vehicle.id, signal, connection.permissions, retrievedAt), 200, dataHeaders(vehicle, retrievedAt));
}

const COMMAND_PATHS: Record<string, CommandType> = {
  "security/lock": "security-lock",
  "security/unlock": "security-unlock",
  "charge/start": "charge-start",
  "charge/stop": "charge-stop",
  "charge/set-limit": "charge-set-limit",
};

async function runCommand(ctx: SimulatorContext, principal: Principal, vehicleId: string, command: CommandType, request: Request): Promise<Response> {
  let percent: number | undefined;
  if (command === "charge-set-limit") {
    const body = await readJson(request);
    const data = body.data as { attributes?: { percent?: unknown } } | undefined;
    percent = typeof data?.attributes?.percent === "number" ? data.attributes.percent : Number.NaN;
  }
  const { vehicle } = await accessVehicle(ctx, principal, vehicleId, COMMAND_PERMISSION[command]);
  const startedAt = new Date();
  await executeCommand(ctx, vehicle, command, "v3", percent);
  const completedAt = new Date();
  return json({
    data: {
      id: `exec_${crypto.randomUUID().replaceAll("-", "")}`,
      type: "command-execution",
      attributes: {
        commandType: command,
        status: { value: "SUCCESS" },
        executionMode: "sync",
        ...(percent === undefined ? {} : { parameters: { percent } }),
      },
      meta: {
        executedAt: startedAt.toISOString(),
        completedAt: completedAt.toISOString(),
        durationInSeconds: Math.max(0, Math.round((completedAt.getTime() - startedAt.getTime()) / 1000)),
      },
    },
  });
}

async function listConnections(ctx: SimulatorContext, request: Request, url: URL): Promise<Response> {
  const { page, size } = pageParams(url, { size: 50, max: 100 });
  const params = url.searchParams;
  const userId = params.get("filter[user_id]") ?? params.get("filter[userId]") ?? params.get("user_id") ?? request.headers.get("sc-user-id");
  const vehicleId = params.get("filter[vehicle_id]") ?? params.get("filter[vehicleId]") ?? params.get("vehicle_id");
  const mode = params.get("filter[mode]") ?? params.get("filter[vehicle.mode]") ?? params.get("mode");
  const conditions: SQL[] = [];
  if (userId) conditions.push(eq(simConnections.userId, userId));
  if (vehicleId) conditions.push(eq(simConnections.vehicleId, vehicleId));
  if (mode) conditions.push(eq(simConnections.mode, mode === "test" ? "simulated" : mode));
  const rows = await ctx.db
    .select()
    .from(simConnections)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(simConnections.createdAt, simConnections.id);
  const items = rows.slice((page - 1) * size, page * size);
  const vehicles = await listVehicles(ctx, [...new Set(items.map((row) => row.vehicleId))]);
  return json({
    data: items.map((row) => connectionResource(row, vehicles.find((vehicle) => vehicle.id === row.vehicleId))),
    meta: { page, pageSize: size, totalCount: rows.length },
    links: pageLinks("/connections", page, size, rows.length),
  });
}

async function applicationOnly(ctx: SimulatorContext, request: Request): Promise<void> {
  const token = await resolveBearer(ctx, request.headers.get("authorization"), ["application"]);
  if (!token) throw new SimulatorApiError("AUTHENTICATION", null);
}

export async function handleV3(ctx: SimulatorContext, request: Request, segments: string[], url: URL): Promise<Response> {
  const [root, id, sub, ...rest] = segments;
  const method = request.method;
  if (root === "connections") {
    await applicationOnly(ctx, request);
    if (!id && method === "GET") return listConnections(ctx, request, url);
    if (!id || sub) notFound();
    const [row] = await ctx.db.select().from(simConnections).where(eq(simConnections.id, id));
    if (!row) throw new SimulatorApiError("RESOURCE_NOT_FOUND", "PATH", { description: "No connection with this id." });
    // Like vehicle calls: a connection is only reachable on behalf of the user it belongs to, when one is named.
    const onBehalfOf = request.headers.get("sc-user-id");
    if (onBehalfOf && onBehalfOf !== row.userId) throw new SimulatorApiError("PERMISSION", null);
    if (method === "GET") {
      const [vehicle] = await listVehicles(ctx, [row.vehicleId]);
      return json({ data: connectionResource(row, vehicle) });
    }
    if (method === "DELETE") {
      await ctx.db.delete(simConnections).where(eq(simConnections.id, id));
      return new Response(null, { status: 204 });
    }
    notFound();
  }
  if (root === "users" && id && !sub && method === "DELETE") {
    await applicationOnly(ctx, request);
    await ctx.db.delete(simConnections).where(eq(simConnections.userId, id));
    await revokeUserTokens(ctx, id);
    return new Response(null, { status: 204 });
  }
  if (root !== "vehicles") notFound();
  const principal = await v3Principal(ctx, request);
  if (!id && method === "GET") {
    const { page, size } = pageParams(url, { size: 50, max: 100 });
    const connections = await ctx.db.select().from(simConnections).where(eq(simConnections.userId, principal.userId)).orderBy(simConnections.createdAt);
    const visible = connections.filter((row) => !principal.vehicleIds || principal.vehicleIds.includes(row.vehicleId));
    const items = visible.slice((page - 1) * size, page * size);
    const vehicles = await listVehicles(ctx, items.map((row) => row.vehicleId));
    return json({
      data: items.flatMap((row) => {
        const vehicle = vehicles.find((candidate) => candidate.id === row.vehicleId);
        return vehicle ? [vehicleResource(vehicle, row)] : [];
      }),
      meta: { page, pageSize: size, totalCount: visible.length },
      links: pageLinks("/vehicles", page, size, visible.length),
    });
  }
  if (!id) notFound();
  if (!sub && method === "GET") {
    const { vehicle, connection } = await accessVehicle(ctx, principal, id);
    const retrievedAt = await simulatedNow(ctx);
    return json({ data: vehicleResource(vehicle, connection) }, 200, dataHeaders(vehicle, retrievedAt));
  }
  if (sub === "signals" && method === "GET") {
    if (rest.length === 0) return listSignals(ctx, principal, id, url);
    if (rest.length === 1) return getSignal(ctx, principal, id, rest[0]!);
  }
  if (sub === "commands" && method === "POST") {
    const command = COMMAND_PATHS[rest.join("/")];
    if (command) return runCommand(ctx, principal, id, command, request);
  }
  notFound();
}
