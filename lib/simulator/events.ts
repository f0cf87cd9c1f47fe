import { randomUUID } from "node:crypto";
import type { SimulatorContext } from "./context";
import { simDeliveries } from "./db/schema";
import { ERROR_CATALOG, docUrl, errorKey } from "./errors";
import { vehicleSignals, type SimulatedSignal } from "./signals";
import { connectionsOfVehicle, getSettings, saveVehicleState, type SimSettings, type SimVehicle } from "./store";
import type { VehicleState } from "./world";

/**
 * Turns changes in the world into webhook events (contract §5.4–5.6) and puts them in the outbox;
 * dispatcher.ts delivers them. Events exist only while the webhook is verified (i.e. enabled).
 */

export function webhookEnabled(settings: SimSettings): boolean {
  return Boolean(settings.callbackUrl && settings.verifiedUrl === settings.callbackUrl);
}

function vehicleSummary(vehicle: SimVehicle) {
  return { id: vehicle.id, make: vehicle.make.toUpperCase(), model: vehicle.model, year: vehicle.year };
}

function webhookSignal(signal: SimulatedSignal, fetchedAt: number) {
  return {
    code: signal.code,
    name: signal.name,
    group: signal.group,
    body: signal.body,
    status: { value: "SUCCESS" },
    meta: { oemUpdatedAt: signal.oemUpdatedAt, fetchedAt, retrievedAt: fetchedAt },
  };
}

async function enqueue(ctx: SimulatorContext, eventType: string, vehicleId: string | null, data: unknown, mode = "live"): Promise<string> {
  const eventId = randomUUID();
  const envelope = vehicleId === null ? { eventId, eventType, data } : { eventId, eventType, vehicleId, data };
  await ctx.db.insert(simDeliveries).values({
    eventId,
    eventType,
    vehicleId,
    mode: mode.toUpperCase(),
    envelope: JSON.stringify(envelope),
    nextAttemptAt: new Date(),
  });
  return eventId;
}

function triggerValues(state: VehicleState, nickname: string, codes: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const signal of vehicleSignals(state, nickname)) {
    if (codes.includes(signal.code)) values.set(signal.code, JSON.stringify(signal.body));
  }
  return values;
}

export async function enqueueVehicleState(
  ctx: SimulatorContext,
  settings: SimSettings,
  vehicle: SimVehicle,
  connections: { userId: string; mode: string }[],
  triggers: { code: string; name?: string; group?: string }[],
  fetchedAt: number,
): Promise<void> {
  const signals = vehicleSignals(vehicle.state, vehicle.nickname).filter((signal) => settings.signals.includes(signal.code));
  for (const { userId, mode } of connections) {
    await enqueue(ctx, "VEHICLE_STATE", vehicle.id, {
      user: { id: userId },
      vehicle: vehicleSummary(vehicle),
      triggers,
      signals: signals.map((signal) => webhookSignal(signal, fetchedAt)),
    }, mode);
  }
}

export async function enqueueVehicleError(
  ctx: SimulatorContext,
  vehicle: SimVehicle,
  error: { type: string; code: string | null },
  state: "ERROR" | "RESOLVED",
): Promise<void> {
  const settings = await getSettings(ctx);
  if (!webhookEnabled(settings)) return;
  const definition = ERROR_CATALOG[errorKey(error.type, error.code)];
  for (const connection of await connectionsOfVehicle(ctx, vehicle.id)) {
    await enqueue(ctx, "VEHICLE_ERROR", vehicle.id, {
      user: { id: connection.userId },
      vehicle: { ...vehicleSummary(vehicle), mode: connection.mode, powertrainType: vehicle.powertrainType },
      errors: [
        {
          type: error.type,
          code: error.code,
          state,
          description: definition?.description ?? "",
          suggestedUserMessage: definition?.suggestedUserMessage ?? "",
          docURL: docUrl(error.type, error.code),
          resolution: { type: definition?.resolution ?? null },
          signals: [],
        },
      ],
    }, connection.mode);
  }
}

/** FIRST_DELIVERY for a newly subscribed (connected) vehicle, or for all when the webhook is (re-)enabled. */
export async function enqueueFirstDelivery(ctx: SimulatorContext, vehicle: SimVehicle, connections: { userId: string; mode: string }[], now: number): Promise<void> {
  const settings = await getSettings(ctx);
  if (!webhookEnabled(settings)) return;
  await enqueueVehicleState(ctx, settings, vehicle, connections, [{ code: "FIRST_DELIVERY" }], now);
}

/**
 * Applies a change to one car, saves it, and emits VEHICLE_STATE for every connection when a trigger
 * signal changed. Used by the clock, commands and the control plane alike. `alwaysReport` names
 * signals reported as triggers even when unchanged (a car confirms an executed command this way).
 */
export async function changeVehicle(
  ctx: SimulatorContext,
  vehicle: SimVehicle,
  mutate: (state: VehicleState) => void,
  now: number,
  settingsRow?: SimSettings,
  alwaysReport: readonly string[] = [],
): Promise<void> {
  const settings = settingsRow ?? (await getSettings(ctx));
  const before = triggerValues(vehicle.state, vehicle.nickname, settings.triggers);
  mutate(vehicle.state);
  await saveVehicleState(ctx, vehicle.id, vehicle.state);
  if (!webhookEnabled(settings)) return;
  const after = triggerValues(vehicle.state, vehicle.nickname, settings.triggers);
  const changed = [...after.keys()].filter((code) => before.get(code) !== after.get(code));
  if (changed.length === 0 && alwaysReport.length === 0) return;
  const signals = vehicleSignals(vehicle.state, vehicle.nickname);
  const reported = alwaysReport.filter((code) => !changed.includes(code) && signals.some((signal) => signal.code === code));
  if (changed.length === 0 && reported.length === 0) return;
  const triggers = [...changed, ...reported].map((code) => {
    const signal = signals.find((candidate) => candidate.code === code)!;
    return { code, name: signal.name, group: signal.group };
  });
  const connections = await connectionsOfVehicle(ctx, vehicle.id);
  await enqueueVehicleState(ctx, settings, vehicle, connections, triggers, now);
}
