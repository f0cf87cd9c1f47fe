import "server-only";
import type { Database } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import type { AuditAction } from "./actions";

/**
 * The one way anything is written to the audit log: append a row. There is deliberately no update
 * or delete here (retention lives in retention.ts and is the only delete the database allows).
 */

export type AuditActor =
  | { type: "user"; id: string; label: string }
  | { type: "system"; label?: string }
  | { type: "anonymous"; label?: string | null };

export interface AuditEntry {
  action: AuditAction;
  actor: AuditActor;
  target?: { type: string; id?: string | null; label?: string | null };
  /** The vehicle the entry concerns, so it shows in that vehicle's activity. */
  vehicleId?: string | null;
  outcome?: "success" | "failure" | "denied";
  clientAddress?: string | null;
  /** Before/after and other context. Never secrets or tokens. */
  details?: Record<string, unknown>;
}

export const SYSTEM: AuditActor = { type: "system", label: "Fleetdeck" };

export function userActor(user: { id: string; email: string }): AuditActor {
  return { type: "user", id: user.id, label: user.email };
}

function row(entry: AuditEntry) {
  return {
    action: entry.action,
    actorType: entry.actor.type,
    actorId: entry.actor.type === "user" ? entry.actor.id : null,
    actorLabel: entry.actor.label ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    targetLabel: entry.target?.label ?? null,
    vehicleId: entry.vehicleId ?? null,
    outcome: entry.outcome ?? "success",
    clientAddress: entry.clientAddress?.slice(0, 100) ?? null,
    details: entry.details ?? null,
  };
}

export async function recordAudit(db: Database, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (entries.length === 0) return;
  await db.insert(auditLog).values(entries.map(row));
}
