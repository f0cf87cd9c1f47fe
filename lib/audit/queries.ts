import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { toCsv } from "@/lib/errors/csv";
import { auditActionLabel } from "./actions";
import type { AuditFilters } from "./filters";

/** Read side of the audit log: the filtered page, a vehicle's activity, and the streamed CSV. */

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntryRow = typeof auditLog.$inferSelect;

function likeAny(value: string): string {
  return `%${value.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

function conditions(filters: Partial<Omit<AuditFilters, "page">>): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (filters.actor) where.push(or(ilike(auditLog.actorLabel, likeAny(filters.actor)), sql`${auditLog.actorId}::text = ${filters.actor}`));
  if (filters.action) where.push(filters.action.endsWith(".") ? ilike(auditLog.action, `${filters.action}%`) : eq(auditLog.action, filters.action));
  if (filters.target) {
    const pattern = likeAny(filters.target);
    where.push(or(ilike(auditLog.targetLabel, pattern), ilike(auditLog.targetType, pattern), eq(auditLog.targetId, filters.target)));
  }
  if (filters.vehicle) where.push(eq(auditLog.vehicleId, filters.vehicle));
  if (filters.outcome) where.push(eq(auditLog.outcome, filters.outcome));
  if (filters.from) where.push(gte(auditLog.at, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) where.push(lt(auditLog.at, new Date(nextDay(filters.to))));
  return and(...where);
}

export async function listAuditEntries(db: Database, filters: AuditFilters): Promise<{ rows: AuditEntryRow[]; hasMore: boolean }> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(conditions(filters))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filters.page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** The newest entries about one vehicle, for its activity section. */
export async function vehicleActivity(db: Database, vehicleId: string, limit = 15): Promise<AuditEntryRow[]> {
  return db.select().from(auditLog).where(eq(auditLog.vehicleId, vehicleId)).orderBy(desc(auditLog.id)).limit(limit);
}

const CSV_HEADER = ["id", "time", "actor_type", "actor", "action", "action_label", "target_type", "target_id", "target", "vehicle_id", "outcome", "client_address", "details"];
const CSV_CHUNK = 1_000;

function csvRow(entry: AuditEntryRow): (string | number | null)[] {
  return [
    entry.id,
    entry.at.toISOString(),
    entry.actorType,
    entry.actorLabel,
    entry.action,
    auditActionLabel(entry.action),
    entry.targetType,
    entry.targetId,
    entry.targetLabel,
    entry.vehicleId,
    entry.outcome,
    entry.clientAddress,
    entry.details ? JSON.stringify(entry.details) : null,
  ];
}

/**
 * Every matching entry as CSV, streamed newest first in chunks of CSV_CHUNK rows (keyset on id), so
 * a large log never sits in memory whole.
 */
export function auditCsvStream(db: Database, filters: Partial<Omit<AuditFilters, "page">>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: number | null = null;
  const header = toCsv(CSV_HEADER, []);
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(header));
        return;
      }
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(conditions(filters), before === null ? undefined : lt(auditLog.id, before)))
        .orderBy(desc(auditLog.id))
        .limit(CSV_CHUNK);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      before = rows[rows.length - 1]!.id;
      // toCsv always starts with the header line; the stream sent it once already.
      controller.enqueue(encoder.encode(toCsv(CSV_HEADER, rows.map(csvRow)).slice(header.length)));
    },
  });
}

