import "server-only";
import { confirmCommands } from "@/lib/commands/confirm";
import type { Database } from "@/lib/db";
import type { LiveEvent } from "@/lib/live/events";
import { activeStates, cachedVehicles, markActive, openCommandVehicles, operationsCache, sharedState } from "./cache";
import { describeCondition, readingCondition, READING_KINDS } from "./conditions";
import { clearConditions, fireConditions, type ConditionChange } from "./engine";
import { DERIVED_KINDS, evaluateDerivedRules } from "./derived";
import { latestReadings, type AppliedEvent, type VehicleReadings } from "./readings";
import { enabledRules, type EvaluatedRule } from "./rules";
import { indexRules, rulesForVehicle, type RuleIndex } from "./scope";

export type { AppliedEvent } from "./readings";

/**
 * The webhook worker's hand-off to operations, inside its transaction, after each batch is applied:
 * commands waiting for confirmation are checked against the new readings, and alert rules are
 * evaluated as the data arrives. Rules and vehicles come from per-process caches (cache.ts); active
 * conditions and waiting commands too on PGlite, where the steady state then costs no statement, and
 * from one statement per batch on PostgreSQL, where other instances change them.
 */

const indexes = new WeakMap<readonly EvaluatedRule[], RuleIndex>();

function readingRuleIndex(rules: EvaluatedRule[]): RuleIndex | null {
  let index = indexes.get(rules);
  if (!index) {
    index = indexRules(rules.filter((rule) => READING_KINDS.includes(rule.kind)));
    indexes.set(rules, index);
  }
  return index.all.length + index.byMake.size + index.byOwner.size + index.byVehicle.size > 0 ? index : null;
}

async function evaluateReadings(tx: Database, base: Database, index: RuleIndex, readings: VehicleReadings, shared: Map<string, Set<string>> | null): Promise<LiveEvent[]> {
  const cache = operationsCache(base);
  const fleet = await cachedVehicles(tx, cache, [...readings.keys()]);
  const active = shared ?? (await activeStates(tx, cache));
  const fires: ConditionChange[] = [];
  const clears: ConditionChange[] = [];
  for (const [vehicleId, vehicleReadings] of readings) {
    const vehicle = fleet.get(vehicleId);
    if (!vehicle) continue;
    for (const rule of rulesForVehicle(index, vehicle)) {
      const holds = readingCondition(rule, vehicleReadings);
      if (holds === undefined || holds === (active.get(rule.id)?.has(vehicleId) ?? false)) continue;
      (holds ? fires : clears).push({ rule, subject: vehicleId, vehicleId, describe: describeCondition(rule, !holds, { readings: vehicleReadings }) });
    }
  }
  const live = [...(await fireConditions(tx, fires, fleet)), ...(await clearConditions(tx, clears, fleet))];
  for (const change of fires) markActive(cache, change.rule.id, change.subject, true);
  for (const change of clears) markActive(cache, change.rule.id, change.subject, false);
  return live;
}

export async function operationsProjection(tx: Database, applied: readonly AppliedEvent[], base: Database = tx): Promise<LiveEvent[]> {
  const readings = latestReadings(applied);
  const errorVehicles = [
    ...new Set(applied.filter(({ event, result }) => event.eventType === "VEHICLE_ERROR" && result.vehicleId).map(({ result }) => result.vehicleId!)),
  ];
  if (readings.size === 0 && errorVehicles.length === 0) return [];
  const rules = await enabledRules(tx, base);
  const live: LiveEvent[] = [];
  if (readings.size > 0) {
    const cache = operationsCache(base);
    const shared = cache.exclusive ? null : await sharedState(tx, [...readings.keys()]);
    const waiting = shared?.openCommands ?? (await openCommandVehicles(tx, cache));
    const awaiting: VehicleReadings = new Map([...readings].filter(([vehicleId]) => waiting.has(vehicleId)));
    if (awaiting.size > 0) live.push(...(await confirmCommands(tx, awaiting)));
    const index = readingRuleIndex(rules);
    if (index) live.push(...(await evaluateReadings(tx, base, index, readings, shared?.active ?? null)));
  }
  const derived = rules.filter((rule) => DERIVED_KINDS.includes(rule.kind));
  if (errorVehicles.length > 0 && derived.length > 0) live.push(...(await evaluateDerivedRules(tx, derived, { vehicleIds: errorVehicles })));
  return live;
}
