import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Database } from "@/lib/db";
import { alertEvents, alertRules } from "@/lib/db/schema";

/** The latest alert events of the rules a user may see (managers: all; owners: their own rules'). */
export async function recentAlertEvents(db: Database, user: SessionUser, limit = 20) {
  if (user.role === "viewer") return [];
  const ownRules = user.role === "manager" ? null : (await db.select({ id: alertRules.id }).from(alertRules).where(eq(alertRules.createdBy, user.id))).map((rule) => rule.id);
  if (ownRules && ownRules.length === 0) return [];
  return db
    .select({ id: alertEvents.id, ruleName: alertEvents.ruleName, title: alertEvents.title, message: alertEvents.message, state: alertEvents.state, severity: alertEvents.severity, vehicleId: alertEvents.vehicleId, occurredAt: alertEvents.occurredAt })
    .from(alertEvents)
    .where(ownRules ? inArray(alertEvents.ruleId, ownRules) : undefined)
    .orderBy(desc(alertEvents.occurredAt))
    .limit(limit);
}
