import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { recordAudit, SYSTEM } from "./record";

/**
 * The only delete the audit log allows (AUDIT_RETENTION_DAYS): inside this transaction the
 * append-only trigger lets DELETE through, and the retention run is itself recorded.
 */
export async function applyAuditRetention(db: Database, retentionDays: number, now = new Date()): Promise<number> {
  if (retentionDays <= 0) return 0;
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3_600_000);
  const deleted = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('fleetdeck.audit_retention', 'on', true)`);
    const rows = await tx.delete(auditLog).where(lt(auditLog.at, cutoff)).returning({ id: auditLog.id });
    return rows.length;
  });
  if (deleted > 0) await recordAudit(db, { action: "audit.retention", actor: SYSTEM, details: { deleted, olderThan: cutoff.toISOString(), retentionDays } });
  return deleted;
}
