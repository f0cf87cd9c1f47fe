import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { alertEvents, alertStates, users, vehicles } from "@/lib/db/schema";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import type { LiveEvent } from "@/lib/live/events";
import { ALERT_KINDS } from "./kinds";
import { NOTIFICATORS, type AlertDelivery, type AlertVehicle } from "./notificators";
import type { EvaluatedRule } from "./rules";

/**
 * Turns condition changes into alert events, exactly once, and hands each event to the notificators.
 *
 * - A condition that starts (false → true) fires; `insert … on conflict … where not active` lets one
 *   transaction win the transition however many instances evaluate it, and the event's unique
 *   de-duplication key (rule, subject, episode, state) keeps its notifications single as well.
 * - While it holds, nothing more is sent; when it clears, stateful kinds send a "resolved" notice
 *   (only for episodes that were notified), and the next start fires again.
 * - The rule's quiet period: after a notification for a subject, a new start within it is recorded
 *   but not sent.
 * - One-off kinds (command failed, fleet events) have no state; their key is the thing that happened.
 */

export interface Describe {
  title: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface ConditionChange {
  subject: string;
  vehicleId: string | null;
  describe: (vehicle: AlertVehicle | null) => Describe;
}

type Rows<T> = { rows: T[] };

/** Subjects are vehicle ids or `fleet`; anything else never reaches the array literal below. */
function subjectArray(changes: ConditionChange[]): string {
  for (const change of changes) if (!/^[A-Za-z0-9-]+$/.test(change.subject)) throw new Error(`invalid alert subject ${JSON.stringify(change.subject)}`);
  return `{${changes.map((change) => change.subject).join(",")}}`;
}

async function vehiclesById(db: Database, ids: string[]): Promise<Map<string, AlertVehicle>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: vehicles.id, nickname: vehicles.nickname, year: vehicles.year, make: vehicles.make, model: vehicles.model, vin: vehicles.vin })
    .from(vehicles)
    .where(inArray(vehicles.id, ids));
  return new Map(rows.map((row) => [row.id, { id: row.id, name: vehicleDisplayName(row), make: row.make, model: row.model, year: row.year, vin: row.vin }]));
}

async function recipientsOf(db: Database, rule: EvaluatedRule): Promise<AlertDelivery["recipients"]> {
  return db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(rule.recipients === "managers" ? eq(users.role, "manager") : eq(users.id, rule.createdBy));
}

/** Records the event (once) and notifies through every channel the rule uses. */
async function emit(
  db: Database,
  rule: EvaluatedRule,
  change: { subject: string; vehicleId: string | null; dedupeKey: string; state: "triggered" | "resolved"; description: Describe },
  vehicle: AlertVehicle | null,
): Promise<LiveEvent[]> {
  const definition = ALERT_KINDS[rule.kind];
  const [event] = await db
    .insert(alertEvents)
    .values({
      ruleId: rule.id,
      ruleName: rule.name,
      kind: rule.kind,
      // The vehicle as found now (null if it was removed meanwhile).
      vehicleId: vehicle?.id ?? null,
      subject: change.subject,
      state: change.state,
      severity: change.state === "resolved" ? "info" : definition.severity,
      title: change.description.title,
      message: change.description.message,
      data: change.description.data ?? null,
      dedupeKey: change.dedupeKey,
    })
    .onConflictDoNothing({ target: alertEvents.dedupeKey })
    .returning();
  if (!event) return [];
  const delivery: AlertDelivery = { rule, event, vehicle, recipients: await recipientsOf(db, rule) };
  const live: LiveEvent[] = [];
  for (const notificator of NOTIFICATORS) if (notificator.wants(rule)) live.push(...(await notificator.notify(db, delivery)));
  return live;
}

/** Conditions that started for these subjects (the caller knows they were not active). */
export async function fireConditions(db: Database, rule: EvaluatedRule, changes: ConditionChange[]): Promise<LiveEvent[]> {
  if (changes.length === 0) return [];
  const won = (await db.execute(sql`
    insert into ${alertStates} as s (rule_id, subject, active, since, episode, last_notified_at)
    select ${rule.id}::uuid, subject, true, now(), 1, now() from unnest(${subjectArray(changes)}::text[]) as subject
    on conflict (rule_id, subject) do update set
      active = true, since = now(), episode = s.episode + 1,
      last_notified_at = case when s.last_notified_at is null or s.last_notified_at <= now() - make_interval(mins => ${rule.quietMinutes}) then now() else s.last_notified_at end
    where not s.active
    returning subject, episode, last_notified_at = since as notify`)) as unknown as Rows<{ subject: string; episode: number; notify: boolean }>;
  const notify = won.rows.filter((row) => row.notify);
  if (notify.length === 0) return [];
  const bySubject = new Map(changes.map((change) => [change.subject, change]));
  const fleet = await vehiclesById(db, notify.map((row) => bySubject.get(row.subject)!.vehicleId).filter((id): id is string => id !== null));
  const live: LiveEvent[] = [];
  for (const row of notify) {
    const change = bySubject.get(row.subject)!;
    const vehicle = change.vehicleId ? (fleet.get(change.vehicleId) ?? null) : null;
    const description = change.describe(vehicle);
    live.push(...(await emit(db, rule, { subject: row.subject, vehicleId: change.vehicleId, dedupeKey: `${rule.id}:${row.subject}:${row.episode}:triggered`, state: "triggered", description }, vehicle)));
  }
  return live;
}

/** Conditions that stopped holding; stateful kinds announce it for notified episodes. */
export async function clearConditions(db: Database, rule: EvaluatedRule, changes: ConditionChange[]): Promise<LiveEvent[]> {
  if (changes.length === 0) return [];
  const cleared = await db
    .update(alertStates)
    .set({ active: false })
    .where(sql`${alertStates.ruleId} = ${rule.id} and ${alertStates.active} and ${inArray(alertStates.subject, changes.map((change) => change.subject))}`)
    .returning({ subject: alertStates.subject, episode: alertStates.episode, notified: sql<boolean>`${alertStates.lastNotifiedAt} >= ${alertStates.since}` });
  if (!ALERT_KINDS[rule.kind].stateful) return [];
  const announce = cleared.filter((row) => row.notified);
  if (announce.length === 0) return [];
  const bySubject = new Map(changes.map((change) => [change.subject, change]));
  const fleet = await vehiclesById(db, announce.map((row) => bySubject.get(row.subject)!.vehicleId).filter((id): id is string => id !== null));
  const live: LiveEvent[] = [];
  for (const row of announce) {
    const change = bySubject.get(row.subject)!;
    const vehicle = change.vehicleId ? (fleet.get(change.vehicleId) ?? null) : null;
    const description = change.describe(vehicle);
    live.push(...(await emit(db, rule, { subject: row.subject, vehicleId: change.vehicleId, dedupeKey: `${rule.id}:${row.subject}:${row.episode}:resolved`, state: "resolved", description }, vehicle)));
  }
  return live;
}

/** Something that happened once (a command failed, a trip ended): notified unless within the quiet period. */
export async function fireOnce(db: Database, rule: EvaluatedRule, change: ConditionChange & { key: string }): Promise<LiveEvent[]> {
  const result = (await db.execute(sql`
    insert into ${alertStates} as s (rule_id, subject, active, since, episode, last_notified_at)
    values (${rule.id}, ${change.subject}, false, now(), 1, now())
    on conflict (rule_id, subject) do update set
      since = now(), episode = s.episode + 1,
      last_notified_at = case when s.last_notified_at is null or s.last_notified_at <= now() - make_interval(mins => ${rule.quietMinutes}) then now() else s.last_notified_at end
    returning last_notified_at = since as notify`)) as unknown as Rows<{ notify: boolean }>;
  if (!result.rows[0]?.notify) return [];
  const vehicle = change.vehicleId ? ((await vehiclesById(db, [change.vehicleId])).get(change.vehicleId) ?? null) : null;
  const description = change.describe(vehicle);
  return emit(db, rule, { subject: change.subject, vehicleId: change.vehicleId, dedupeKey: `${rule.id}:${change.subject}:${change.key}`, state: "triggered", description }, vehicle);
}

/** The rule's subjects whose condition is active now. */
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
