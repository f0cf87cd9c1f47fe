import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { advanceClock, tick } from "./clock";
import type { SimulatorContext } from "./context";
import { simConnections, simDeliveries, simInjectedErrors, simSettings } from "./db/schema";
import { dispatchDue, setCallbackUrl, verifyWebhookIfDue } from "./dispatcher";
import { ERROR_CATALOG, SimulatorApiError, errorKey, isKnownError } from "./errors";
import { changeVehicle, enqueueVehicleError } from "./events";
import { brandName, resetWorld } from "./seed";
import { getSettings, getVehicle, listVehicles, simulatedNow, type SimVehicle } from "./store";
import { park, startCharging, startTrip, stopCharging, unplug, type VehicleState } from "./world";

/** What a presenter (control API or /sim page) can do to the simulated world. */

export const injectedErrorSchema = z.object({ type: z.string().min(1), code: z.string().min(1).nullable().optional() });

export const VEHICLE_ACTIONS = [
  "start-trip",
  "end-trip",
  "plug-in",
  "start-charge",
  "stop-charge",
  "unplug",
  "open-door",
  "close-door",
  "open-window",
  "close-window",
  "open-trunk",
  "close-trunk",
  "sleep",
  "wake",
  "release",
  "drain",
] as const;
export type VehicleAction = (typeof VEHICLE_ACTIONS)[number];

function normalizeError(input: { type: string; code?: string | null }): { type: string; code: string | null } {
  const error = { type: input.type.toUpperCase(), code: input.code ? input.code.toUpperCase() : null };
  if (!isKnownError(error.type, error.code)) {
    throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: `Unknown Smartcar error ${errorKey(error.type, error.code)}.` });
  }
  return error;
}

async function requireVehicle(ctx: SimulatorContext, vehicleId: string): Promise<SimVehicle> {
  const vehicle = await getVehicle(ctx, vehicleId);
  if (!vehicle) throw new SimulatorApiError("RESOURCE_NOT_FOUND", "PATH", { description: "No such simulated vehicle." });
  return vehicle;
}

export async function injectVehicleError(ctx: SimulatorContext, vehicleId: string, input: { type: string; code?: string | null }) {
  const vehicle = await requireVehicle(ctx, vehicleId);
  const error = normalizeError(input);
  await ctx.db
    .insert(simInjectedErrors)
    .values({ scope: "vehicle", target: vehicle.id, ...error })
    .onConflictDoUpdate({ target: [simInjectedErrors.scope, simInjectedErrors.target], set: { type: error.type, code: error.code, createdAt: new Date() } });
  await enqueueVehicleError(ctx, vehicle, error, "ERROR");
  return { vehicleId: vehicle.id, ...error };
}

export async function clearVehicleError(ctx: SimulatorContext, vehicleId: string) {
  const vehicle = await requireVehicle(ctx, vehicleId);
  const removed = await ctx.db
    .delete(simInjectedErrors)
    .where(and(eq(simInjectedErrors.scope, "vehicle"), eq(simInjectedErrors.target, vehicle.id)))
    .returning();
  for (const row of removed) await enqueueVehicleError(ctx, vehicle, row, "RESOLVED");
  return { vehicleId: vehicle.id, cleared: removed.length };
}

export async function injectMakeError(ctx: SimulatorContext, make: string, input: { type: string; code?: string | null }) {
  const target = (brandName(make) ?? make).toUpperCase();
  const error = normalizeError(input);
  await ctx.db
    .insert(simInjectedErrors)
    .values({ scope: "make", target, ...error })
    .onConflictDoUpdate({ target: [simInjectedErrors.scope, simInjectedErrors.target], set: { type: error.type, code: error.code, createdAt: new Date() } });
  for (const vehicle of await listVehicles(ctx)) {
    if (vehicle.make.toUpperCase() === target) await enqueueVehicleError(ctx, vehicle, error, "ERROR");
  }
  return { make: target, ...error };
}

export async function clearMakeError(ctx: SimulatorContext, make: string) {
  const target = (brandName(make) ?? make).toUpperCase();
  const removed = await ctx.db
    .delete(simInjectedErrors)
    .where(and(eq(simInjectedErrors.scope, "make"), eq(simInjectedErrors.target, target)))
    .returning();
  await ctx.db.delete(simInjectedErrors).where(eq(simInjectedErrors.scope, "reauthenticated"));
  if (removed.length > 0) {
    for (const vehicle of await listVehicles(ctx)) {
      if (vehicle.make.toUpperCase() === target) await enqueueVehicleError(ctx, vehicle, removed[0]!, "RESOLVED");
    }
  }
  return { make: target, cleared: removed.length };
}

const ACTIONS: Record<VehicleAction, (state: VehicleState, now: number) => void> = {
  "start-trip": (state, now) => {
    state.manual = true;
    startTrip(state, now);
  },
  "end-trip": (state, now) => {
    state.manual = true;
    park(state, now);
  },
  "plug-in": (state, now) => {
    state.manual = true;
    if (state.activity === "driving") park(state, now);
    startCharging(state, now);
    stopCharging(state, now);
  },
  "start-charge": (state, now) => {
    state.manual = true;
    if (state.activity === "driving") park(state, now);
    startCharging(state, now);
  },
  "stop-charge": (state, now) => stopCharging(state, now),
  unplug: (state, now) => unplug(state, now),
  "open-door": (state, now) => {
    state.doorOpen = true;
    state.locked = false;
    state.oemUpdatedAt = now;
  },
  "close-door": (state, now) => {
    state.doorOpen = false;
    state.oemUpdatedAt = now;
  },
  "open-window": (state, now) => {
    state.windowOpen = true;
    state.oemUpdatedAt = now;
  },
  "close-window": (state, now) => {
    state.windowOpen = false;
    state.oemUpdatedAt = now;
  },
  "open-trunk": (state, now) => {
    state.trunkOpen = true;
    state.locked = false;
    state.oemUpdatedAt = now;
  },
  "close-trunk": (state, now) => {
    state.trunkOpen = false;
    state.oemUpdatedAt = now;
  },
  sleep: (state, now) => {
    state.asleep = true;
    state.oemUpdatedAt = now;
  },
  wake: (state, now) => {
    state.asleep = false;
    state.idleSince = now;
    state.oemUpdatedAt = now;
  },
  /** Runs the battery (or the tank) down to 15 %, for low-battery alerts in demos and tests; the presenter holds the car. */
  drain: (state, now) => {
    state.manual = true;
    if (state.activity === "charging") unplug(state, now);
    if (state.specs.powertrainType === "ICE") state.fuelPercent = Math.min(state.fuelPercent, 15);
    else state.socPercent = Math.min(state.socPercent, 15);
    state.oemUpdatedAt = now;
  },
  /** Hands the car back to the clock's own schedule. */
  release: (state, now) => {
    state.manual = false;
    state.nextDepartureAt = Math.min(state.nextDepartureAt, now + 10 * 60_000);
  },
};

export async function actOnVehicle(ctx: SimulatorContext, vehicleId: string, action: VehicleAction) {
  const vehicle = await requireVehicle(ctx, vehicleId);
  if (vehicle.powertrainType === "ICE" && ["plug-in", "start-charge", "stop-charge", "unplug"].includes(action)) {
    throw new SimulatorApiError("COMPATIBILITY", "VEHICLE_NOT_CAPABLE");
  }
  const now = await simulatedNow(ctx);
  await changeVehicle(ctx, vehicle, (state) => ACTIONS[action](state, now), now);
  return { vehicleId, action, state: vehicle.state };
}

export async function revokeVehicleAccess(ctx: SimulatorContext, vehicleId: string) {
  const removed = await ctx.db.delete(simConnections).where(eq(simConnections.vehicleId, vehicleId)).returning();
  return { vehicleId, connections: removed.map((row) => ({ userId: row.userId, vehicleId: row.vehicleId })) };
}

export async function setToggles(ctx: SimulatorContext, toggles: { duplicates?: boolean; reordering?: boolean }) {
  await ctx.db.update(simSettings).set(toggles).where(eq(simSettings.id, 1));
}

export async function advance(ctx: SimulatorContext, minutes: number) {
  return advanceClock(ctx, Math.round(minutes * 60_000));
}

export async function reset(ctx: SimulatorContext) {
  await resetWorld(ctx);
  ctx.buckets.clear();
}

export { tick, dispatchDue, setCallbackUrl, verifyWebhookIfDue };

export async function describeWorld(ctx: SimulatorContext) {
  const settings = await getSettings(ctx);
  const [vehicles, connections, errors, deliveryCounts, recent] = await Promise.all([
    listVehicles(ctx),
    ctx.db.select().from(simConnections),
    ctx.db.select().from(simInjectedErrors),
    ctx.db.select({ status: simDeliveries.status, count: sql<number>`count(*)::int` }).from(simDeliveries).groupBy(simDeliveries.status),
    ctx.db.select().from(simDeliveries).orderBy(desc(simDeliveries.createdAt)).limit(15),
  ]);
  return {
    clock: { now: new Date(Date.now() + settings.clockOffsetMs).toISOString(), offsetMinutes: Math.round(settings.clockOffsetMs / 60_000) },
    webhook: {
      id: settings.webhookId,
      callbackUrl: settings.callbackUrl,
      verified: Boolean(settings.callbackUrl && settings.verifiedUrl === settings.callbackUrl),
      duplicates: settings.duplicates,
      reordering: settings.reordering,
      deliveries: Object.fromEntries(deliveryCounts.map((row) => [row.status, row.count])),
      recent: recent.map((row) => ({
        eventId: row.eventId,
        eventType: row.eventType,
        vehicleId: row.vehicleId,
        status: row.status,
        attempts: row.attempts,
        lastResult: row.lastResult,
        createdAt: row.createdAt.toISOString(),
      })),
    },
    injectedErrors: errors.filter((row) => row.scope !== "reauthenticated").map((row) => ({ scope: row.scope, target: row.target, type: row.type, code: row.code })),
    vehicles: vehicles.map((vehicle) => ({
      id: vehicle.id,
      ownerId: vehicle.ownerId,
      vin: vehicle.vin,
      make: vehicle.make,
      model: vehicle.model,
      year: vehicle.year,
      powertrainType: vehicle.powertrainType,
      nickname: vehicle.nickname,
      activity: vehicle.state.activity,
      asleep: vehicle.state.asleep,
      locked: vehicle.state.locked,
      doorOpen: vehicle.state.doorOpen,
      windowOpen: Boolean(vehicle.state.windowOpen),
      trunkOpen: Boolean(vehicle.state.trunkOpen),
      plugged: vehicle.state.plugged,
      charging: vehicle.state.charging,
      socPercent: vehicle.powertrainType === "ICE" ? null : Math.round(vehicle.state.socPercent),
      fuelPercent: vehicle.powertrainType === "BEV" ? null : Math.round(vehicle.state.fuelPercent),
      odometerKm: vehicle.state.odometerKm,
      manual: vehicle.state.manual,
      connectedUserIds: connections.filter((row) => row.vehicleId === vehicle.id).map((row) => row.userId),
    })),
  };
}

export const ERROR_CHOICES = Object.keys(ERROR_CATALOG);
