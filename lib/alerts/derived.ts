import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db";
import type { LiveEvent } from "@/lib/live/events";
import { describeCondition } from "./conditions";
import { activeSubjects, clearConditions, fireConditions, type ConditionChange } from "./engine";
import type { AlertRuleKind } from "./kinds";
import type { EvaluatedRule } from "./rules";

/**
 * Conditions read from what Fleetdeck already stores rather than from one reading: connections
 * needing re-authentication, open Smartcar errors, cars offline / asleep / silent for N hours, and
 * the webhook success rate. The background jobs evaluate them every minute; the webhook worker also
 * evaluates the error-driven ones for the vehicles of a VEHICLE_ERROR batch, so those alert at once.
 */

export const DERIVED_KINDS: readonly AlertRuleKind[] = ["needs_reconnect", "smartcar_error"];
export const SCHEDULED_KINDS: readonly AlertRuleKind[] = ["needs_reconnect", "smartcar_error", "offline", "asleep", "no_data", "webhook_success_rate"];

/** Fewer deliveries than this in the window say nothing about a success rate. */
export const MIN_DELIVERIES_FOR_RATE = 10;

type Rows<T> = { rows: T[] };

function scopeCondition(rule: EvaluatedRule): SQL {
  const parts: SQL[] = [sql`true`];
  const ownedBy = (userId: string) => sql`exists (select 1 from connections c where c.vehicle_id = v.id and c.owner_id = ${userId}::uuid and c.status <> 'revoked')`;
  if (rule.creatorRole === "owner") parts.push(ownedBy(rule.createdBy));
  if (rule.scope === "make" && rule.scopeValue) parts.push(sql`upper(v.make) = ${rule.scopeValue}`);
  if (rule.scope === "owner" && rule.scopeValue) parts.push(ownedBy(rule.scopeValue));
  if (rule.scope === "vehicle" && rule.scopeValue) parts.push(sql`v.id = ${rule.scopeValue}::uuid`);
  return sql.join(parts, sql` and `);
}

function kindCondition(rule: EvaluatedRule, now: Date): SQL {
  const hoursAgo = sql`${new Date(now.getTime() - (rule.params.hours ?? 0) * 3_600_000).toISOString()}::timestamptz`;
  const connected = sql`exists (select 1 from connections c where c.vehicle_id = v.id and c.status <> 'revoked')`;
  const flagSince = (code: string, value: boolean) =>
    sql`exists (select 1 from vehicle_signals s where s.vehicle_id = v.id and s.code = ${code} and s.status = 'SUCCESS' and s.body->>'value' = ${String(value)} and s.oem_updated_at < ${hoursAgo})
      and (v.last_signal_at is null or v.last_signal_at < ${hoursAgo})`;
  switch (rule.kind) {
    case "needs_reconnect":
      return sql`exists (select 1 from connections c where c.vehicle_id = v.id and c.status = 'needs_reauth')`;
    case "smartcar_error":
      return sql`exists (select 1 from vehicle_errors e where e.vehicle_id = v.id and e.state = 'open' and e.type = ${rule.params.errorType ?? ""}
        ${rule.params.errorCode ? sql`and e.code = ${rule.params.errorCode}` : sql``})`;
    case "offline":
      return flagSince("connectivitystatus-isonline", false);
    case "asleep":
      return flagSince("connectivitystatus-isasleep", true);
    case "no_data":
      return sql`${connected} and coalesce(v.last_signal_at, v.created_at) < ${hoursAgo}`;
    default:
      return sql`false`;
  }
}

async function matchingVehicles(db: Database, rule: EvaluatedRule, vehicleIds: string[] | undefined, now: Date): Promise<{ id: string; errorType: string | null; errorCode: string | null }[]> {
  const restrict = vehicleIds ? sql`and v.id = any(${`{${vehicleIds.join(",")}}`}::uuid[])` : sql``;
  const error =
    rule.kind === "smartcar_error"
      ? sql`(select e.code from vehicle_errors e where e.vehicle_id = v.id and e.state = 'open' and e.type = ${rule.params.errorType ?? ""} order by e.last_seen_at desc limit 1)`
      : sql`null`;
  const result = (await db.execute(sql`
    select v.id, ${error} as "errorCode" from vehicles v
    where ${scopeCondition(rule)} and ${kindCondition(rule, now)} ${restrict}`)) as unknown as Rows<{ id: string; errorCode: string | null }>;
  return result.rows.map((row) => ({ id: row.id, errorType: rule.kind === "smartcar_error" ? (rule.params.errorType ?? null) : null, errorCode: row.errorCode }));
}

async function webhookSuccessRate(db: Database, windowMinutes: number, now: Date): Promise<{ percent: number; deliveries: number } | null> {
  const since = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
  const result = (await db.execute(sql`
    select
      (select count(*)::int from webhook_deliveries where received_at > ${since}::timestamptz and event_type <> 'VERIFY') as stored,
      (select count(*)::int from webhook_deliveries where received_at > ${since}::timestamptz and status = 'failed') as failed,
      (select count(*)::int from webhook_rejections where received_at > ${since}::timestamptz) as rejected`)) as unknown as Rows<{ stored: number; failed: number; rejected: number }>;
  const { stored, failed, rejected } = result.rows[0]!;
  const deliveries = Number(stored) + Number(rejected);
  if (deliveries < MIN_DELIVERIES_FOR_RATE) return null;
  return { percent: Math.floor(((Number(stored) - Number(failed)) / deliveries) * 1000) / 10, deliveries };
}

/** Evaluates the given rules (all vehicles, or only `vehicleIds`) and applies the changes. */
export async function evaluateDerivedRules(db: Database, rules: readonly EvaluatedRule[], options: { vehicleIds?: string[]; now?: Date } = {}): Promise<LiveEvent[]> {
  const now = options.now ?? new Date();
  const active = await activeSubjects(db, rules.map((rule) => rule.id));
  const fires: ConditionChange[] = [];
  const clears: ConditionChange[] = [];
  for (const rule of rules) {
    const wasActive = active.get(rule.id) ?? new Set<string>();
    if (rule.kind === "webhook_success_rate") {
      if (options.vehicleIds) continue;
      const rate = await webhookSuccessRate(db, rule.params.windowMinutes ?? 60, now);
      if (!rate) continue;
      const holds = rate.percent < (rule.params.threshold ?? 95);
      const change: ConditionChange = { rule, subject: "fleet", vehicleId: null, describe: describeCondition(rule, !holds, { rate }) };
      if (holds && !wasActive.has("fleet")) fires.push(change);
      if (!holds && wasActive.has("fleet")) clears.push(change);
      continue;
    }
    const holding = await matchingVehicles(db, rule, options.vehicleIds, now);
    const holdingIds = new Set(holding.map((vehicle) => vehicle.id));
    for (const vehicle of holding) {
      if (wasActive.has(vehicle.id)) continue;
      const errors = vehicle.errorType ? [{ type: vehicle.errorType, code: vehicle.errorCode }] : [];
      fires.push({ rule, subject: vehicle.id, vehicleId: vehicle.id, describe: describeCondition(rule, false, { errors }) });
    }
    const inReach = options.vehicleIds ? new Set(options.vehicleIds) : null;
    for (const subject of wasActive) {
      if (!holdingIds.has(subject) && (!inReach || inReach.has(subject))) clears.push({ rule, subject, vehicleId: subject, describe: describeCondition(rule, true, {}) });
    }
  }
  return [...(await fireConditions(db, fires)), ...(await clearConditions(db, clears))];
}
