import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicleCommands, vehicleSignals } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import { readingValue, type Reading, type VehicleReadings } from "@/lib/alerts/readings";
import type { CommandKind } from "./kinds";

/**
 * A command is confirmed when a reading taken after it was sent shows the state it asked for:
 * locked/unlocked, charging/not charging, the new charge limit. The webhook worker checks each
 * batch's applied readings for vehicles with commands waiting; the time-out job also checks the
 * stored latest readings (readings that came through "Refresh now", or that a worker missed).
 */

const RELEVANT = ["closure-islocked", "charge-ischarging", "charge-detailedchargingstatus", "charge-chargelimits"];

/** Readings a second older than the send still count: the car's clock and ours are not the same clock. */
const CLOCK_TOLERANCE_MS = 1_000;

function chargeLimit(reading: Reading | undefined): number | null {
  const body = reading?.body as { activeLimit?: unknown; values?: { type?: unknown; limit?: unknown }[] } | null | undefined;
  if (typeof body?.activeLimit === "number") return body.activeLimit;
  const global = body?.values?.find((value) => value.type === "GLOBAL");
  return typeof global?.limit === "number" ? global.limit : null;
}

/** Whether these readings show what the command asked for; undefined when they say nothing about it. */
export function readingsConfirm(kind: CommandKind, percent: number | null, readings: Map<string, Reading>, since: Date): boolean | undefined {
  const fresh = (code: string) => {
    const reading = readings.get(code);
    return reading && reading.at.getTime() >= since.getTime() - CLOCK_TOLERANCE_MS ? reading : undefined;
  };
  const charging = () => {
    const isCharging = readingValue(fresh("charge-ischarging"));
    if (typeof isCharging === "boolean") return isCharging;
    const status = readingValue(fresh("charge-detailedchargingstatus"));
    return typeof status === "string" ? status === "CHARGING" : undefined;
  };
  switch (kind) {
    case "lock":
    case "unlock": {
      const locked = readingValue(fresh("closure-islocked"));
      return typeof locked === "boolean" ? locked === (kind === "lock") : undefined;
    }
    case "start_charge":
    case "stop_charge": {
      const state = charging();
      return state === undefined ? undefined : state === (kind === "start_charge");
    }
    case "set_charge_limit": {
      const limit = chargeLimit(fresh("charge-chargelimits"));
      return limit === null ? undefined : limit === percent;
    }
  }
}

/** The stored latest readings of vehicles with commands waiting, as if they had just arrived. */
export async function confirmFromStoredReadings(db: Database): Promise<LiveEvent[]> {
  const waiting = await db
    .selectDistinct({ vehicleId: vehicleCommands.vehicleId })
    .from(vehicleCommands)
    .where(sql`${vehicleCommands.status} in ('sent', 'succeeded', 'unconfirmed')`);
  if (waiting.length === 0) return [];
  const stored = await db
    .select({ vehicleId: vehicleSignals.vehicleId, code: vehicleSignals.code, body: vehicleSignals.body, oemUpdatedAt: vehicleSignals.oemUpdatedAt, retrievedAt: vehicleSignals.retrievedAt })
    .from(vehicleSignals)
    .where(and(inArray(vehicleSignals.vehicleId, waiting.map((row) => row.vehicleId)), inArray(vehicleSignals.code, RELEVANT), sql`${vehicleSignals.status} = 'SUCCESS'`));
  const readings: VehicleReadings = new Map();
  for (const row of stored) {
    const times = [row.oemUpdatedAt, row.retrievedAt].filter((time): time is Date => time !== null);
    if (times.length === 0) continue;
    if (!readings.has(row.vehicleId)) readings.set(row.vehicleId, new Map());
    readings.get(row.vehicleId)!.set(row.code, { body: row.body, at: new Date(Math.max(...times.map((time) => time.getTime()))) });
  }
  return confirmCommands(db, readings);
}

export async function confirmCommands(db: Database, readings: VehicleReadings): Promise<LiveEvent[]> {
  const vehicleIds = [...readings].filter(([, codes]) => RELEVANT.some((code) => codes.has(code))).map(([vehicleId]) => vehicleId);
  if (vehicleIds.length === 0) return [];
  const open = await db
    .select({ id: vehicleCommands.id, vehicleId: vehicleCommands.vehicleId, kind: vehicleCommands.kind, percent: vehicleCommands.percent, sentAt: vehicleCommands.sentAt })
    .from(vehicleCommands)
    .where(and(inArray(vehicleCommands.vehicleId, vehicleIds), sql`${vehicleCommands.status} in ('sent', 'succeeded', 'unconfirmed')`));
  const confirmed = open.filter((command) => command.sentAt && readingsConfirm(command.kind, command.percent, readings.get(command.vehicleId)!, command.sentAt) === true);
  if (confirmed.length === 0) return [];
  await db
    .update(vehicleCommands)
    .set({ status: "confirmed", confirmedAt: sql`now()` })
    .where(and(inArray(vehicleCommands.id, confirmed.map((command) => command.id)), sql`${vehicleCommands.status} in ('sent', 'succeeded', 'unconfirmed')`));
  return confirmed.map((command) => ({ type: "command", vehicleId: command.vehicleId, commandId: command.id, status: "confirmed" }));
}
