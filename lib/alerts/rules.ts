import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session-user";
import { canSeeVehicle } from "@/lib/auth/vehicle-access";
import type { Database } from "@/lib/db";
import { alertRules, users, webhookEndpoints, type AlertRuleParams } from "@/lib/db/schema";
import { ALERT_KINDS, ALERT_RULE_KINDS } from "./kinds";

/** Alert rules: validation, who may define which, and the cached list the evaluators read. */

export type AlertRule = typeof alertRules.$inferSelect;

/** A rule as the evaluators need it: with its creator's role, which limits an owner's rule to their own vehicles. */
export type EvaluatedRule = AlertRule & { creatorRole: SessionUser["role"] };

const percent = z.coerce.number({ error: "Enter a percentage." }).int("Use a whole number.").min(1, "Use 1–99 %.").max(99, "Use 1–99 %.");

export const alertRuleInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the rule a name.").max(120, "Keep the name under 120 characters."),
    kind: z.enum(ALERT_RULE_KINDS, { error: "Choose what to watch." }),
    threshold: percent.optional(),
    hours: z.coerce.number({ error: "Enter hours." }).int("Use whole hours.").min(1, "Use 1–720 hours.").max(720, "Use 1–720 hours.").optional(),
    windowMinutes: z.coerce.number({ error: "Enter minutes." }).int().min(5, "Use 5–1440 minutes.").max(1440, "Use 5–1440 minutes.").optional(),
    errorType: z.string().trim().toUpperCase().regex(/^[A-Z_]{0,60}$/, "Use a Smartcar error type such as VEHICLE_STATE.").optional(),
    errorCode: z.string().trim().toUpperCase().regex(/^[A-Z_]{0,60}$/, "Use a Smartcar error code such as ASLEEP.").optional(),
    eventType: z.string().trim().regex(/^[a-z_]+\.[a-z_]+$/, "Use an event type such as place.arrived.").optional(),
    scope: z.enum(["all", "make", "owner", "vehicle"], { error: "Choose which vehicles the rule covers." }).default("all"),
    scopeValue: z.string().trim().max(100).optional(),
    quietMinutes: z.coerce.number({ error: "Enter minutes." }).int().min(0, "Use 0–10080 minutes.").max(10_080, "Use 0–10080 minutes.").default(60),
    notifyInApp: z.boolean().default(true),
    notifyEmail: z.boolean().default(false),
    webhookEndpointIds: z.array(z.uuid("Unknown webhook endpoint.")).max(10).default([]),
    recipients: z.enum(["creator", "managers"]).default("creator"),
  })
  .superRefine((input, context) => {
    const definition = ALERT_KINDS[input.kind];
    for (const param of ["threshold", "hours", "windowMinutes", "eventType"] as const) {
      if (definition.params.includes(param) && input[param] === undefined) context.addIssue({ code: "custom", path: [param], message: "Required for this kind of rule." });
    }
    if (input.kind === "smartcar_error" && !input.errorType) context.addIssue({ code: "custom", path: ["errorType"], message: "Choose the Smartcar error type to watch." });
    if (input.scope !== "all" && !definition.fleetWide && !input.scopeValue) context.addIssue({ code: "custom", path: ["scopeValue"], message: "Say which make, owner or vehicle." });
    if (!input.notifyInApp && !input.notifyEmail && input.webhookEndpointIds.length === 0) {
      context.addIssue({ code: "custom", path: ["notifyInApp"], message: "Choose at least one channel." });
    }
  });
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

export type RuleSaveResult = { ok: true; rule: AlertRule } | { ok: false; status: 400 | 403 | 404; message: string; field?: string };

function paramsOf(input: AlertRuleInput): AlertRuleParams {
  const params: AlertRuleParams = {};
  for (const param of ALERT_KINDS[input.kind].params) {
    const value = input[param];
    if (value !== undefined && value !== "") (params as Record<string, unknown>)[param] = value;
  }
  return params;
}

/**
 * Managers define rules for any scope; owners only for their own vehicles (the rule is pinned to
 * them) and only about vehicles; viewers define none. Webhook endpoints are managers' to use.
 */
async function authorizeRule(db: Database, user: SessionUser, input: AlertRuleInput): Promise<{ scope: AlertRule["scope"]; scopeValue: string | null } | RuleSaveResult> {
  if (user.role === "viewer") return { ok: false, status: 403, message: "Viewers cannot define alert rules." };
  const definition = ALERT_KINDS[input.kind];
  if (definition.managersOnly && user.role !== "manager") return { ok: false, status: 403, message: "Only managers can watch the whole fleet's webhooks." };
  if (input.webhookEndpointIds.length > 0) {
    if (user.role !== "manager") return { ok: false, status: 403, message: "Only managers can send alerts to webhooks." };
    const found = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(inArray(webhookEndpoints.id, input.webhookEndpointIds));
    if (found.length !== new Set(input.webhookEndpointIds).size) return { ok: false, status: 400, message: "Unknown webhook endpoint.", field: "webhookEndpointIds" };
  }
  if (user.role === "owner" && input.recipients === "managers") return { ok: false, status: 403, message: "Owners' alerts go to themselves." };
  if (definition.fleetWide) return { scope: "all", scopeValue: null };
  if (input.scope === "vehicle") {
    if (!z.uuid().safeParse(input.scopeValue).success || !(await canSeeVehicle(db, user, input.scopeValue!))) {
      return { ok: false, status: 404, message: "No such vehicle.", field: "scopeValue" };
    }
    return { scope: "vehicle", scopeValue: input.scopeValue! };
  }
  if (user.role === "owner") return { scope: "owner", scopeValue: user.id };
  if (input.scope === "owner") {
    if (!z.uuid().safeParse(input.scopeValue).success) return { ok: false, status: 400, message: "Choose an owner.", field: "scopeValue" };
    const [owner] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, input.scopeValue!), eq(users.role, "owner")));
    if (!owner) return { ok: false, status: 400, message: "No such owner.", field: "scopeValue" };
    return { scope: "owner", scopeValue: owner.id };
  }
  if (input.scope === "make") return { scope: "make", scopeValue: input.scopeValue!.toUpperCase() };
  return { scope: "all", scopeValue: null };
}

export async function createAlertRule(db: Database, user: SessionUser, input: AlertRuleInput): Promise<RuleSaveResult> {
  const scope = await authorizeRule(db, user, input);
  if ("ok" in scope) return scope;
  const [rule] = await db
    .insert(alertRules)
    .values({
      name: input.name,
      kind: input.kind,
      params: paramsOf(input),
      ...scope,
      quietMinutes: input.quietMinutes,
      notifyInApp: input.notifyInApp,
      notifyEmail: input.notifyEmail,
      webhookEndpointIds: input.webhookEndpointIds,
      recipients: input.recipients,
      createdBy: user.id,
    })
    .returning();
  invalidateRuleCache(db);
  return { ok: true, rule: rule! };
}

/** Rules the user may see and change: all for managers, their own for owners, none for viewers. */
export async function listAlertRules(db: Database, user: SessionUser): Promise<(AlertRule & { createdByEmail: string | null })[]> {
  if (user.role === "viewer") return [];
  const rows = await db
    .select({ rule: alertRules, createdByEmail: users.email })
    .from(alertRules)
    .leftJoin(users, eq(users.id, alertRules.createdBy))
    .where(user.role === "manager" ? undefined : eq(alertRules.createdBy, user.id))
    .orderBy(desc(alertRules.createdAt));
  return rows.map((row) => ({ ...row.rule, createdByEmail: row.createdByEmail }));
}

async function ownRule(db: Database, user: SessionUser, ruleId: string): Promise<AlertRule | null> {
  if (!z.uuid().safeParse(ruleId).success || user.role === "viewer") return null;
  const [rule] = await db.select().from(alertRules).where(eq(alertRules.id, ruleId));
  if (!rule || (user.role !== "manager" && rule.createdBy !== user.id)) return null;
  return rule;
}

export async function setAlertRuleEnabled(db: Database, user: SessionUser, ruleId: string, enabled: boolean): Promise<AlertRule | null> {
  const rule = await ownRule(db, user, ruleId);
  if (!rule) return null;
  const [updated] = await db.update(alertRules).set({ enabled, updatedAt: new Date() }).where(eq(alertRules.id, ruleId)).returning();
  invalidateRuleCache(db);
  return updated ?? null;
}

export async function deleteAlertRule(db: Database, user: SessionUser, ruleId: string): Promise<AlertRule | null> {
  const rule = await ownRule(db, user, ruleId);
  if (!rule) return null;
  await db.delete(alertRules).where(eq(alertRules.id, ruleId));
  invalidateRuleCache(db);
  return rule;
}

/**
 * Enabled rules, cached for RULE_CACHE_MS per database handle: the webhook worker reads them for
 * every batch. A change made on this instance shows at once; on another instance within the TTL.
 * The cache lives on globalThis so route handlers and the worker (two module worlds under `npm
 * start`) share it.
 */
const RULE_CACHE_MS = 5_000;
const globalForRules = globalThis as unknown as { fleetdeckAlertRuleCache?: WeakMap<Database, { at: number; rules: Promise<EvaluatedRule[]> }> };

function ruleCache() {
  return (globalForRules.fleetdeckAlertRuleCache ??= new WeakMap());
}

export function invalidateRuleCache(db: Database): void {
  ruleCache().delete(db);
}

/** `cacheKey` is the worker's stable handle when `db` is a transaction (queries must run inside it). */
export function enabledRules(db: Database, cacheKey: Database = db, now = Date.now()): Promise<EvaluatedRule[]> {
  const cached = ruleCache().get(cacheKey);
  if (cached && now - cached.at < RULE_CACHE_MS) return cached.rules;
  const rules = db
    .select({ rule: alertRules, creatorRole: users.role })
    .from(alertRules)
    .innerJoin(users, eq(users.id, alertRules.createdBy))
    .where(eq(alertRules.enabled, true))
    .then((rows) => rows.map((row) => ({ ...row.rule, creatorRole: row.creatorRole })));
  ruleCache().set(cacheKey, { at: now, rules });
  rules.catch(() => invalidateRuleCache(cacheKey));
  return rules;
}
