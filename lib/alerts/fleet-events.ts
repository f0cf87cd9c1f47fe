import "server-only";
import { eq, sql } from "drizzle-orm";
import type { FailedCommand } from "@/lib/commands/execute";
import { COMMAND_LABELS } from "@/lib/commands/kinds";
import type { Database } from "@/lib/db";
import { vehicles } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import { describeSmartcarError } from "@/lib/smartcar/error-catalog";
import { fireOnce } from "./engine";
import type { AlertRuleKind } from "./kinds";
import { enabledRules, type EvaluatedRule } from "./rules";
import { indexRules, rulesForVehicle, type VehicleScope } from "./scope";

/**
 * The extension point for things that happen once: a command failing, and the events other
 * features report (trips ending, arriving at or leaving a place). A feature calls
 * `recordFleetEvent` inside the transaction that recorded what happened; every enabled
 * `fleet_event` rule for that event type and vehicle turns it into an alert, once per `key`.
 */

export interface FleetEvent {
  /** e.g. `trip.ended`, `place.arrived` (see FLEET_EVENT_TYPES). */
  type: string;
  vehicleId: string;
  /** Unique per occurrence (the trip id, the visit id): the same key never alerts twice. */
  key: string;
  title: string;
  message: string;
  data?: Record<string, unknown>;
}

async function vehicleScope(db: Database, vehicleId: string): Promise<VehicleScope | null> {
  const [vehicle] = await db
    .select({
      id: vehicles.id,
      make: vehicles.make,
      owners: sql<string[]>`coalesce((select array_agg(c.owner_id::text) from connections c where c.vehicle_id = vehicles.id and c.status <> 'revoked'), '{}')`,
    })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  return vehicle ?? null;
}

async function matchingRules(db: Database, kind: AlertRuleKind, vehicleId: string, accept: (rule: EvaluatedRule) => boolean): Promise<EvaluatedRule[]> {
  const candidates = (await enabledRules(db)).filter((rule) => rule.kind === kind && accept(rule));
  if (candidates.length === 0) return [];
  const scope = await vehicleScope(db, vehicleId);
  return scope ? rulesForVehicle(indexRules(candidates), scope) : [];
}

export async function recordFleetEvent(db: Database, event: FleetEvent): Promise<LiveEvent[]> {
  const live: LiveEvent[] = [];
  for (const rule of await matchingRules(db, "fleet_event", event.vehicleId, (candidate) => candidate.params.eventType === event.type)) {
    live.push(
      ...(await fireOnce(db, {
        rule,
        subject: event.vehicleId,
        vehicleId: event.vehicleId,
        key: `${event.type}:${event.key}`,
        describe: (vehicle) => ({ title: vehicle ? `${vehicle.name}: ${event.title}` : event.title, message: event.message, data: { eventType: event.type, ...event.data } }),
      })),
    );
  }
  return live;
}

/** `command_failed` rules, for a command that failed or timed out. */
export async function raiseCommandFailure(db: Database, command: FailedCommand): Promise<LiveEvent[]> {
  const live: LiveEvent[] = [];
  const entry = describeSmartcarError(command.errorType, command.errorCode);
  for (const rule of await matchingRules(db, "command_failed", command.vehicleId, () => true)) {
    live.push(
      ...(await fireOnce(db, {
        rule,
        subject: command.vehicleId,
        vehicleId: command.vehicleId,
        key: `command:${command.id}`,
        describe: (vehicle) => ({
          title: `${COMMAND_LABELS[command.kind]} ${command.status === "timed_out" ? "timed out" : "failed"} on ${vehicle?.name ?? command.vehicleName}`,
          message: `${entry.title}: ${command.errorDescription} ${entry.managerAction}`,
          data: { commandId: command.id, command: command.kind, errorType: command.errorType, errorCode: command.errorCode },
        }),
      })),
    );
  }
  return live;
}
