import "server-only";
import { inArray, or, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { alertEvents, alertStates, users, vehicles } from "@/lib/db/schema";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import type { LiveEvent } from "@/lib/live/events";
import { ALERT_KINDS } from "./kinds";
import { NOTIFICATORS, type AlertDelivery, type AlertVehicle } from "./notificators";
import type { EvaluatedRule } from "./rules";

/**
 * Turns condition changes into alert events, exactly once, and hands them to the notificators.
 *
 * - A condition that starts (false → true) fires; `insert … on conflict … where not active` lets one
 *   transaction win the transition however many instances evaluate it, and the event's unique
 *   de-duplication key (rule, subject, episode, state) keeps its notifications single as well.
 * - While it holds, nothing more is sent; when it clears, stateful kinds send a "resolved" notice
 *   (only for episodes that were notified), and the next start fires again.
 * - The rule's quiet period: after a notification for a subject, a new start within it is recorded
 *   but not sent.
 * - One-off kinds (command failed, fleet events) have no state; their key is the thing that happened.
 *
 * Every change of a batch, whatever its rules, is written with the same four statements (states,
 * events, recipients, notifications), so a burst of alerts costs about what one does.
 */

export interface Describe {
  title: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface ConditionChange {
  rule: EvaluatedRule;
  subject: string;
  vehicleId: string | null;
  describe: (vehicle: AlertVehicle | null) => Describe;
}

type Rows<T> = { rows: T[] };

/** Ids and subjects (vehicle ids or `fleet`) only ever hold these characters; nothing else reaches an array literal. */
function arrayLiteral(values: string[]): string {
  for (const value of values) if (!/^[A-Za-z0-9-]+$/.test(value)) throw new Error(`invalid alert subject or rule ${JSON.stringify(value)}`);
  return `{${values.join(",")}}`;
}

async function vehiclesById(db: Database, ids: string[], known?: Map<string, AlertVehicle>): Promise<Map<string, AlertVehicle>> {
  const found = new Map<string, AlertVehicle>();
  const missing = [...new Set(ids)].filter((id) => {
    const vehicle = known?.get(id);
    if (vehicle) found.set(id, vehicle);
    return !vehicle;
  });
  if (missing.length === 0) return found;
  const rows = await db
    .select({ id: vehicles.id, nickname: vehicles.nickname, year: vehicles.year, make: vehicles.make, model: vehicles.model, vin: vehicles.vin })
    .from(vehicles)
    .where(inArray(vehicles.id, missing));
  for (const row of rows) found.set(row.id, { id: row.id, name: vehicleDisplayName(row), make: row.make, model: row.model, year: row.year, vin: row.vin });
  return found;
}

interface Emission {
  change: ConditionChange;
  dedupeKey: string;
  state: "triggered" | "resolved";
}

/** Records the events (each once) and notifies through every channel their rules use. */
async function emit(db: Database, emissions: Emission[], known?: Map<string, AlertVehicle>): Promise<LiveEvent[]> {
  if (emissions.length === 0) return [];
  const fleet = await vehiclesById(db, emissions.map(({ change }) => change.vehicleId).filter((id): id is string => id !== null), known);
  const rows = emissions.map(({ change, dedupeKey, state }) => {
    const vehicle = change.vehicleId ? (fleet.get(change.vehicleId) ?? null) : null;
    const description = change.describe(vehicle);
    return {
      ruleId: change.rule.id,
      ruleName: change.rule.name,
      kind: change.rule.kind,
      // The vehicle as found now (null if it was removed meanwhile).
      vehicleId: vehicle?.id ?? null,
      subject: change.subject,
      state,
      severity: state === "resolved" ? ("info" as const) : ALERT_KINDS[change.rule.kind].severity,
      title: description.title,
      message: description.message,
      data: description.data ?? null,
      dedupeKey,
    };
  });
  const events = await db.insert(alertEvents).values(rows).onConflictDoNothing({ target: alertEvents.dedupeKey }).returning();
  if (events.length === 0) return [];
  const rules = new Map(emissions.map(({ change }) => [change.rule.id, change.rule]));
  const creators = [...new Set([...rules.values()].filter((rule) => rule.recipients === "creator").map((rule) => rule.createdBy))];
  const people = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(or(eq(users.role, "manager"), creators.length ? inArray(users.id, creators) : undefined));
  const deliveries: AlertDelivery[] = [...rules.values()].map((rule) => ({
    rule,
    recipients: people.filter((person) => (rule.recipients === "managers" ? person.role === "manager" : person.id === rule.createdBy)),
    events: events.filter((event) => event.ruleId === rule.id).map((event) => ({ event, vehicle: event.vehicleId ? (fleet.get(event.vehicleId) ?? null) : null })),
  }));
  const live: LiveEvent[] = [];
  for (const notificator of NOTIFICATORS) {
    const wanted = deliveries.filter((delivery) => delivery.events.length > 0 && notificator.wants(delivery.rule));
    if (wanted.length > 0) live.push(...(await notificator.notify(db, wanted)));
  }
  return live;
}

/** Conditions that started (the caller believes they were not active). */
export async function fireConditions(db: Database, changes: ConditionChange[], known?: Map<string, AlertVehicle>): Promise<LiveEvent[]> {
  if (changes.length === 0) return [];
  const won = (await db.execute(sql`
    insert into ${alertStates} as s (rule_id, subject, active, since, episode, last_notified_at)
    select rule_id, subject, true, now(), 1, now()
    from unnest(${arrayLiteral(changes.map((change) => change.rule.id))}::uuid[], ${arrayLiteral(changes.map((change) => change.subject))}::text[]) as c(rule_id, subject)
    on conflict (rule_id, subject) do update set
      active = true, since = now(), episode = s.episode + 1,
      last_notified_at = case
        when s.last_notified_at is null or s.last_notified_at <= now() - (select make_interval(mins => r.quiet_minutes) from alert_rules r where r.id = s.rule_id) then now()
        else s.last_notified_at end
    where not s.active
    returning rule_id as "ruleId", subject, episode, last_notified_at = since as notify`)) as unknown as Rows<{ ruleId: string; subject: string; episode: number; notify: boolean }>;
  const byKey = new Map(changes.map((change) => [`${change.rule.id}|${change.subject}`, change]));
  const emissions = won.rows
    .filter((row) => row.notify)
    .map((row): Emission => ({ change: byKey.get(`${row.ruleId}|${row.subject}`)!, dedupeKey: `${row.ruleId}:${row.subject}:${row.episode}:triggered`, state: "triggered" }));
  return emit(db, emissions, known);
}

/** Conditions that stopped holding; stateful kinds announce it for notified episodes. */
export async function clearConditions(db: Database, changes: ConditionChange[], known?: Map<string, AlertVehicle>): Promise<LiveEvent[]> {
  if (changes.length === 0) return [];
  const cleared = (await db.execute(sql`
    update ${alertStates} s set active = false
    from unnest(${arrayLiteral(changes.map((change) => change.rule.id))}::uuid[], ${arrayLiteral(changes.map((change) => change.subject))}::text[]) as c(rule_id, subject)
    where s.rule_id = c.rule_id and s.subject = c.subject and s.active
    returning s.rule_id as "ruleId", s.subject, s.episode, s.last_notified_at >= s.since as notified`)) as unknown as Rows<{ ruleId: string; subject: string; episode: number; notified: boolean }>;
  const byKey = new Map(changes.map((change) => [`${change.rule.id}|${change.subject}`, change]));
  const emissions = cleared.rows
    .map((row) => ({ row, change: byKey.get(`${row.ruleId}|${row.subject}`)! }))
    .filter(({ row, change }) => row.notified && ALERT_KINDS[change.rule.kind].stateful)
    .map(({ row, change }): Emission => ({ change, dedupeKey: `${row.ruleId}:${row.subject}:${row.episode}:resolved`, state: "resolved" }));
  return emit(db, emissions, known);
}

/** Something that happened once (a command failed, a trip ended): notified unless within the quiet period. */
export async function fireOnce(db: Database, change: ConditionChange & { key: string }): Promise<LiveEvent[]> {
  const { rule } = change;
  const result = (await db.execute(sql`
    insert into ${alertStates} as s (rule_id, subject, active, since, episode, last_notified_at)
    values (${rule.id}, ${change.subject}, false, now(), 1, now())
    on conflict (rule_id, subject) do update set
      since = now(), episode = s.episode + 1,
      last_notified_at = case when s.last_notified_at is null or s.last_notified_at <= now() - make_interval(mins => ${rule.quietMinutes}) then now() else s.last_notified_at end
    returning last_notified_at = since as notify`)) as unknown as Rows<{ notify: boolean }>;
  if (!result.rows[0]?.notify) return [];
  return emit(db, [{ change, dedupeKey: `${rule.id}:${change.subject}:${change.key}`, state: "triggered" }]);
}

/** The rules' subjects whose condition is active now. */
export async function activeSubjects(db: Database, ruleIds: string[]): Promise<Map<string, Set<string>>> {
  const active = new Map<string, Set<string>>();
  if (ruleIds.length === 0) return active;
  const rows = await db
    .select({ ruleId: alertStates.ruleId, subject: alertStates.subject })
    .from(alertStates)
    .where(sql`${alertStates.active} and ${inArray(alertStates.ruleId, ruleIds)}`);
  for (const row of rows) {
    if (!active.has(row.ruleId)) active.set(row.ruleId, new Set());
    active.get(row.ruleId)!.add(row.subject);
  }
  return active;
}
