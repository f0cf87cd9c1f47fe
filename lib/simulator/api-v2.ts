import { and, eq, inArray } from "drizzle-orm";
import { accessVehicle, v2Principal, type Principal } from "./access";
import { COMMAND_PERMISSION, executeCommand, type CommandType } from "./commands";
import type { SimulatorContext } from "./context";
import { simConnections } from "./db/schema";
import { SimulatorApiError } from "./errors";
import { json, notFound, readJson } from "./http";
import { requireManagementToken } from "./management";
import { simulatedNow, type SimVehicle } from "./store";
import { rangeKm } from "./world";

/** The v2 Vehicles API (`api.smartcar.com/v2.0`) with per-vehicle tokens, contract §3.4–3.5. */

type Reader = { permission: string; read: (vehicle: SimVehicle) => Record<string, unknown> };

const CHARGE_STATE = (vehicle: SimVehicle) =>
  vehicle.state.charging ? "CHARGING" : vehicle.state.plugged && vehicle.state.socPercent >= vehicle.state.chargeLimitPercent ? "FULLY_CHARGED" : "NOT_CHARGING";

function requireElectric(vehicle: SimVehicle): void {
  if (vehicle.powertrainType === "ICE") throw new SimulatorApiError("COMPATIBILITY", "VEHICLE_NOT_CAPABLE");
}
function requireCombustion(vehicle: SimVehicle): void {
  if (vehicle.powertrainType === "BEV") throw new SimulatorApiError("COMPATIBILITY", "VEHICLE_NOT_CAPABLE");
}

const READERS: Record<string, Reader> = {
  "": { permission: "read_vehicle_info", read: (v) => ({ id: v.id, make: v.make.toUpperCase(), model: v.model, year: v.year }) },
  vin: { permission: "read_vin", read: (v) => ({ vin: v.vin }) },
  odometer: { permission: "read_odometer", read: (v) => ({ distance: v.state.odometerKm }) },
  location: { permission: "read_location", read: (v) => ({ latitude: v.state.latitude, longitude: v.state.longitude }) },
  battery: {
    permission: "read_battery",
    read: (v) => {
      requireElectric(v);
      return { percentRemaining: Math.round(v.state.socPercent) / 100, range: rangeKm(v.state).electric };
    },
  },
  "battery/capacity": { permission: "read_battery", read: (v) => (requireElectric(v), { capacity: v.state.specs.batteryKwh }) },
  "battery/nominal_capacity": {
    permission: "read_battery",
    read: (v) => (requireElectric(v), { capacity: { nominal: v.state.specs.batteryKwh, source: "SMARTCAR" }, availableCapacities: [] }),
  },
  charge: { permission: "read_charge", read: (v) => (requireElectric(v), { isPluggedIn: v.state.plugged, state: CHARGE_STATE(v) }) },
  "charge/limit": { permission: "read_charge", read: (v) => (requireElectric(v), { limit: v.state.chargeLimitPercent / 100 }) },
  fuel: {
    permission: "read_fuel",
    read: (v) => {
      requireCombustion(v);
      return {
        range: rangeKm(v.state).fuel,
        percentRemaining: Math.round(v.state.fuelPercent) / 100,
        amountRemaining: Math.round((v.state.fuelPercent / 100) * v.state.specs.tankLiters * 10) / 10,
      };
    },
  },
  "tires/pressure": {
    permission: "read_tires",
    read: (v) => {
      const [frontLeft, frontRight, backLeft, backRight] = v.state.tirePressuresKpa;
      return { frontLeft, frontRight, backLeft, backRight };
    },
  },
  "engine/oil": { permission: "read_engine_oil", read: (v) => (requireCombustion(v), { lifeRemaining: 0.72 }) },
  security: {
    permission: "read_security",
    read: (v) => ({
      isLocked: v.state.locked,
      doors: ["FRONT_LEFT", "FRONT_RIGHT", "BACK_LEFT", "BACK_RIGHT"].map((type, index) => ({ type, status: v.state.doorOpen && index === 0 ? "OPEN" : "CLOSED" })),
      windows: [],
      sunroof: [],
      storage: [],
      chargingPort: [],
    }),
  },
};

async function readHeaders(ctx: SimulatorContext, vehicle: SimVehicle): Promise<Record<string, string>> {
  const now = await simulatedNow(ctx);
  return {
    "sc-data-age": new Date(vehicle.state.oemUpdatedAt).toISOString(),
    "sc-fetched-at": new Date(now).toISOString(),
    "sc-unit-system": "metric",
  };
}

const SUCCESS = { message: "Successfully sent request to vehicle", status: "success" };

async function command(ctx: SimulatorContext, principal: Principal, vehicleId: string, type: CommandType, percent?: number): Promise<Response> {
  const { vehicle } = await accessVehicle(ctx, principal, vehicleId, COMMAND_PERMISSION[type]);
  await executeCommand(ctx, vehicle, type, "v2", percent);
  return json(SUCCESS);
}

async function vehicleRoute(ctx: SimulatorContext, principal: Principal, request: Request, vehicleId: string, path: string): Promise<Response> {
  const method = request.method;
  if (method === "GET" && path === "permissions") {
    const { connection } = await accessVehicle(ctx, principal, vehicleId);
    return json({ permissions: connection.permissions, paging: { count: connection.permissions.length, offset: 0 } });
  }
  if (method === "GET" && path in READERS) {
    const reader = READERS[path]!;
    const { vehicle } = await accessVehicle(ctx, principal, vehicleId, reader.permission);
    return json(reader.read(vehicle), 200, await readHeaders(ctx, vehicle));
  }
  if (method === "POST" && path === "security") {
    const body = await readJson(request);
    if (body.action === "LOCK") return command(ctx, principal, vehicleId, "security-lock");
    if (body.action === "UNLOCK") return command(ctx, principal, vehicleId, "security-unlock");
    throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: 'action must be "LOCK" or "UNLOCK".' });
  }
  if (method === "POST" && path === "charge") {
    const body = await readJson(request);
    if (body.action === "START") return command(ctx, principal, vehicleId, "charge-start");
    if (body.action === "STOP") return command(ctx, principal, vehicleId, "charge-stop");
    throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: 'action must be "START" or "STOP".' });
  }
  if (method === "POST" && path === "charge/limit") {
    const body = await readJson(request);
    const limit = Number(body.limit);
    // v2 sends the limit as a fraction (NODE sends the string "0.8").
    return command(ctx, principal, vehicleId, "charge-set-limit", Number.isFinite(limit) ? Math.round(limit * 10_000) / 100 : Number.NaN);
  }
  if (method === "DELETE" && path === "application") {
    await accessVehicle(ctx, principal, vehicleId);
    await ctx.db.delete(simConnections).where(and(eq(simConnections.userId, principal.userId), eq(simConnections.vehicleId, vehicleId)));
    return json({ status: "success" });
  }
  if (method === "POST" && path === "batch") {
    const body = await readJson(request);
    const requests = Array.isArray(body.requests) ? (body.requests as { path?: unknown }[]) : null;
    if (!requests) throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: "requests must be an array of {path}." });
    const responses = [];
    for (const item of requests) {
      const itemPath = String(item.path ?? "").replace(/^\/+/, "");
      const reader = READERS[itemPath];
      try {
        if (!reader || itemPath === "") throw new SimulatorApiError("RESOURCE_NOT_FOUND", "PATH");
        const { vehicle } = await accessVehicle(ctx, principal, vehicleId, reader.permission);
        const headers = await readHeaders(ctx, vehicle);
        responses.push({ path: `/${itemPath}`, body: reader.read(vehicle), code: 200, headers: { "sc-data-age": headers["sc-data-age"], "sc-unit-system": "metric" } });
      } catch (error) {
        if (!(error instanceof SimulatorApiError)) throw error;
        responses.push({ path: `/${itemPath}`, body: error.body(crypto.randomUUID()), code: error.status });
      }
    }
    return json({ responses });
  }
  const webhookMatch = /^webhooks\/([^/]+)$/.exec(path);
  if (webhookMatch && method === "POST") {
    await accessVehicle(ctx, principal, vehicleId);
    return json({ vehicleId, webhookId: webhookMatch[1] });
  }
  notFound();
}

export async function handleV2(ctx: SimulatorContext, request: Request, segments: string[], url: URL): Promise<Response> {
  const [root, vehicleId, ...rest] = segments;
  // Unsubscribe is authorised by the management token, not the vehicle token (contract §3.4).
  if (root === "vehicles" && vehicleId && rest[0] === "webhooks" && rest.length === 2 && request.method === "DELETE") {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
    if (match?.[1] !== ctx.options.managementToken) requireManagementToken(ctx, request);
    return json({ status: "success" });
  }
  const principal = await v2Principal(ctx, request);
  if (root === "user" && !vehicleId && request.method === "GET") return json({ id: principal.userId });
  if (root !== "vehicles") notFound();
  if (!vehicleId && request.method === "GET") {
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const rows = await ctx.db
      .select({ vehicleId: simConnections.vehicleId })
      .from(simConnections)
      .where(and(eq(simConnections.userId, principal.userId), inArray(simConnections.vehicleId, principal.vehicleIds ?? [])))
      .orderBy(simConnections.createdAt);
    const ids = rows.map((row) => row.vehicleId).slice(offset, offset + limit);
    return json({ vehicles: ids, paging: { count: rows.length, offset } });
  }
  if (!vehicleId) notFound();
  return vehicleRoute(ctx, principal, request, vehicleId, rest.join("/"));
}
