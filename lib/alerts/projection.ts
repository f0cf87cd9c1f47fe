import "server-only";
import { sql } from "drizzle-orm";
import { confirmCommands } from "@/lib/commands/confirm";
import type { Database } from "@/lib/db";
import type { LiveEvent } from "@/lib/live/events";
import { describeCondition, readingCondition, READING_KINDS } from "./conditions";
import { clearConditions, fireConditions, type ConditionChange } from "./engine";
import { DERIVED_KINDS, evaluateDerivedRules } from "./derived";
import { latestReadings, type AppliedEvent, type VehicleReadings } from "./readings";
import { enabledRules, type EvaluatedRule } from "./rules";
import { indexRules, rulesForVehicle, type RuleIndex, type VehicleScope } from "./scope";

export type { AppliedEvent } from "./readings";

/**
 * The webhook worker's hand-off to operations, inside its transaction, after each batch is applied:
 * commands waiting for confirmation are checked against the new readings, and alert rules are
 * evaluated as the data arrives. One extra statement per batch (the vehicles' scope, active alert
 * states and whether they have open commands); the rest runs only when something changes.
 */

interface VehicleContext extends VehicleScope {
  active: Set<string>;
  openCommands: boolean;
}

type Rows<T> = { rows: T[] };

async function vehicleContexts(db: Database, vehicleIds: string[]): Promise<Map<string, VehicleContext>> {
  const result = (await db.execute(sql`
    select v.id, v.make,
      coalesce((select array_agg(c.owner_id::text) from connections c where c.vehicle_id = v.id and c.status <> 'revoked'), '{}') as owners,
      coalesce((select array_agg(s.rule_id::text) from alert_states s where s.subject = v.id::text and s.active), '{}') as active,
      exists (select 1 from vehicle_commands vc where vc.vehicle_id = v.id and vc.status in ('requested', 'sent', 'succeeded', 'unconfirmed')) as "openCommands"
    from vehicles v where v.id = any(${`{${vehicleIds.join(",")}}`}::uuid[])`)) as unknown as Rows<{ id: string; make: string; owners: string[]; active: string[]; openCommands: boolean }>;
  return new Map(result.rows.map((row) => [row.id, { id: row.id, make: row.make, owners: row.owners, active: new Set(row.active), openCommands: row.openCommands }]));
}

const indexes = new WeakMap<readonly EvaluatedRule[], RuleIndex>();

function readingRuleIndex(rules: EvaluatedRule[]): RuleIndex {
  let index = indexes.get(rules);
  if (!index) {
    index = indexRules(rules.filter((rule) => READING_KINDS.includes(rule.kind)));
    indexes.set(rules, index);
  }
  return index;
}

async function evaluateReadings(db: Database, index: RuleIndex, readings: VehicleReadings, contexts: Map<string, VehicleContext>): Promise<LiveEvent[]> {
  const fires = new Map<EvaluatedRule, ConditionChange[]>();
  const clears = new Map<EvaluatedRule, ConditionChange[]>();
  const add = (map: Map<EvaluatedRule, ConditionChange[]>, rule: EvaluatedRule, change: ConditionChange) => map.set(rule, [...(map.get(rule) ?? []), change]);
  for (const [vehicleId, vehicleReadings] of readings) {
    const context = contexts.get(vehicleId);
    if (!context) continue;
    for (const rule of rulesForVehicle(index, context)) {
      const holds = readingCondition(rule, vehicleReadings);
      if (holds === undefined || holds === context.active.has(rule.id)) continue;
      add(holds ? fires : clears, rule, { subject: vehicleId, vehicleId, describe: describeCondition(rule, !holds, { readings: vehicleReadings }) });
    }
  }
  const live: LiveEvent[] = [];
  for (const [rule, changes] of fires) live.push(...(await fireConditions(db, rule, changes)));
  for (const [rule, changes] of clears) live.push(...(await clearConditions(db, rule, changes)));
  return live;
}

export async function operationsProjection(db: Database, applied: readonly AppliedEvent[]): Promise<LiveEvent[]> {
  const readings = latestReadings(applied);
  const errorVehicles = [
    ...new Set(applied.filter(({ event, result }) => event.eventType === "VEHICLE_ERROR" && result.vehicleId).map(({ result }) => result.vehicleId!)),
  ];
  if (readings.size === 0 && errorVehicles.length === 0) return [];
  const rules = await enabledRules(db);
  const live: LiveEvent[] = [];
  if (readings.size > 0) {
    const contexts = await vehicleContexts(db, [...readings.keys()]);
    const awaiting: VehicleReadings = new Map([...readings].filter(([vehicleId]) => contexts.get(vehicleId)?.openCommands));
    if (awaiting.size > 0) live.push(...(await confirmCommands(db, awaiting)));
    const index = readingRuleIndex(rules);
    if (index.all.length + index.byMake.size + index.byOwner.size + index.byVehicle.size > 0) live.push(...(await evaluateReadings(db, index, readings, contexts)));
  }
  const derived = rules.filter((rule) => DERIVED_KINDS.includes(rule.kind));
  if (errorVehicles.length > 0 && derived.length > 0) live.push(...(await evaluateDerivedRules(db, derived, { vehicleIds: errorVehicles })));
  return live;
}
