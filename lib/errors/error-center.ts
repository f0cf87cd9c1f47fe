import "server-only";
import { aliasedTable, and, desc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { visibleVehiclesCondition, type SessionUser } from "@/lib/auth/guards";
import type { Database } from "@/lib/db";
import { connections, users, vehicleErrors, vehicles } from "@/lib/db/schema";
import { syncConnectionHealth } from "@/lib/reauth/connection-health";
import { toCsv } from "./csv";
import type { ErrorFilters } from "./filters";
import { errorGuidance, type ErrorCategory, type ErrorGuidance } from "./guidance";

/** The error center's reads (records, groups, CSV) and its one write: acknowledging by hand. */

const RECORD_LIMIT = 5_000;

export interface ErrorRecord {
  id: string;
  type: string;
  code: string | null;
  state: "open" | "resolved" | "acknowledged";
  source: "webhook" | "api";
  description: string | null;
  suggestedUserMessage: string | null;
  resolutionType: string | null;
  resolutionUrl: string | null;
  retryAt: Date | null;
  occurrences: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  closedAt: Date | null;
  note: string | null;
  closedByEmail: string | null;
  smartcarVehicleId: string;
  vehicleId: string | null;
  vehicleLabel: string | null;
  make: string | null;
  ownerEmails: string[];
  guidance: ErrorGuidance;
}

export async function listErrorRecords(db: Database, viewer: SessionUser, filters: ErrorFilters): Promise<ErrorRecord[]> {
  const closer = aliasedTable(users, "closer");
  const conditions: (SQL | undefined)[] = [
    filters.state === "open" ? eq(vehicleErrors.state, "open") : filters.state === "closed" ? ne(vehicleErrors.state, "open") : undefined,
    filters.type ? eq(vehicleErrors.type, filters.type) : undefined,
    filters.code ? (filters.code === "null" ? sql`${vehicleErrors.code} is null` : eq(vehicleErrors.code, filters.code)) : undefined,
    filters.make ? sql`lower(${vehicles.make}) = lower(${filters.make})` : undefined,
    filters.source ? eq(vehicleErrors.source, filters.source) : undefined,
    filters.q
      ? or(
          ilike(vehicleErrors.smartcarVehicleId, `%${filters.q}%`),
          ilike(vehicles.make, `%${filters.q}%`),
          ilike(vehicles.model, `%${filters.q}%`),
          ilike(vehicles.vin, `%${filters.q}%`),
          ilike(vehicles.nickname, `%${filters.q}%`),
          ilike(vehicleErrors.type, `%${filters.q}%`),
          ilike(vehicleErrors.code, `%${filters.q}%`),
        )
      : undefined,
    visibleVehiclesCondition(viewer),
  ];
  const rows = await db
    .select({
      error: vehicleErrors,
      closedByEmail: closer.email,
      vehicle: { year: vehicles.year, make: vehicles.make, model: vehicles.model, nickname: vehicles.nickname },
      ownerEmails: sql<string[] | null>`(select array_agg(distinct u.email order by u.email) from ${connections} c join ${users} u on u.id = c.owner_id where c.vehicle_id = ${vehicleErrors.vehicleId})`,
    })
    .from(vehicleErrors)
    .leftJoin(vehicles, eq(vehicles.id, vehicleErrors.vehicleId))
    .leftJoin(closer, eq(closer.id, vehicleErrors.closedBy))
    .where(and(...conditions))
    .orderBy(desc(vehicleErrors.lastSeenAt))
    .limit(RECORD_LIMIT);
  const records = rows.map(({ error, closedByEmail, vehicle, ownerEmails }) => ({
    id: error.id,
    type: error.type,
    code: error.code,
    state: error.state,
    source: error.source,
    description: error.description,
    suggestedUserMessage: error.suggestedUserMessage,
    resolutionType: error.resolutionType,
    resolutionUrl: error.resolutionUrl,
    retryAt: error.retryAt,
    occurrences: error.occurrences,
    firstSeenAt: error.firstSeenAt,
    lastSeenAt: error.lastSeenAt,
    closedAt: error.closedAt,
    note: error.note,
    closedByEmail,
    smartcarVehicleId: error.smartcarVehicleId,
    vehicleId: error.vehicleId,
    vehicleLabel: vehicle?.make ? `${vehicle.year} ${vehicle.make} ${vehicle.model}${vehicle.nickname ? ` (${vehicle.nickname})` : ""}` : null,
    make: vehicle?.make ?? null,
    ownerEmails: ownerEmails ?? [],
    guidance: errorGuidance(error),
  }));
  return filters.category ? records.filter((record) => record.guidance.category === filters.category) : records;
}

export interface ErrorGroup {
  key: string;
  type: string;
  code: string | null;
  category: ErrorCategory;
  guidance: ErrorGuidance;
  records: number;
  occurrences: number;
  vehicles: { vehicleId: string | null; label: string; smartcarVehicleId: string; errorId: string; state: ErrorRecord["state"] }[];
  owners: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  nextAttemptAt: Date | null;
  suggestedUserMessage: string | null;
}

/** One group per type/code, with counts, the affected vehicles and owners, and the earliest next attempt. */
export function groupErrorRecords(records: ErrorRecord[], sort: ErrorFilters["sort"]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const record of records) {
    const key = `${record.type}:${record.code ?? ""}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        type: record.type,
        code: record.code,
        category: record.guidance.category,
        guidance: record.guidance,
        records: 0,
        occurrences: 0,
        vehicles: [],
        owners: [],
        firstSeenAt: record.firstSeenAt,
        lastSeenAt: record.lastSeenAt,
        nextAttemptAt: null,
        suggestedUserMessage: record.suggestedUserMessage,
      };
      groups.set(key, group);
    }
    group.records += 1;
    group.occurrences += record.occurrences;
    group.vehicles.push({ vehicleId: record.vehicleId, label: record.vehicleLabel ?? `Unmatched vehicle ${record.smartcarVehicleId}`, smartcarVehicleId: record.smartcarVehicleId, errorId: record.id, state: record.state });
    for (const owner of record.ownerEmails) if (!group.owners.includes(owner)) group.owners.push(owner);
    if (record.firstSeenAt < group.firstSeenAt) group.firstSeenAt = record.firstSeenAt;
    if (record.lastSeenAt > group.lastSeenAt) group.lastSeenAt = record.lastSeenAt;
    const next = record.state === "open" ? record.guidance.nextAttemptAt : null;
    if (next && (!group.nextAttemptAt || next < group.nextAttemptAt)) group.nextAttemptAt = next;
    group.suggestedUserMessage ??= record.suggestedUserMessage;
  }
  const byVehicles = (group: ErrorGroup) => new Set(group.vehicles.map((vehicle) => vehicle.smartcarVehicleId)).size;
  const compare: Record<ErrorFilters["sort"], (a: ErrorGroup, b: ErrorGroup) => number> = {
    last_seen: (a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
    first_seen: (a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime(),
    vehicles: (a, b) => byVehicles(b) - byVehicles(a),
    occurrences: (a, b) => b.occurrences - a.occurrences,
    type: (a, b) => a.key.localeCompare(b.key),
  };
  return [...groups.values()].sort((a, b) => compare[sort](a, b) || a.key.localeCompare(b.key));
}

export function errorRecordsCsv(records: ErrorRecord[]): string {
  return toCsv(
    ["error_id", "type", "code", "state", "source", "category", "vehicle", "smartcar_vehicle_id", "owners", "occurrences", "first_seen", "last_seen", "next_attempt", "resolution", "recommended_action", "suggested_user_message", "closed_at", "closed_by", "note"],
    records.map((record) => [
      record.id,
      record.type,
      record.code ?? "",
      record.state,
      record.source,
      record.guidance.category,
      record.vehicleLabel ?? "",
      record.smartcarVehicleId,
      record.ownerEmails.join(" "),
      record.occurrences,
      record.firstSeenAt.toISOString(),
      record.lastSeenAt.toISOString(),
      record.guidance.nextAttemptAt?.toISOString() ?? "",
      record.resolutionType ?? "",
      record.guidance.headline,
      record.suggestedUserMessage ?? "",
      record.closedAt?.toISOString() ?? "",
      record.closedByEmail ?? "",
      record.note ?? "",
    ]),
  );
}

export class AcknowledgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AcknowledgeError";
  }
}

/** A manager closes open errors by hand with a note; the record stays in the history. */
export async function acknowledgeErrors(db: Database, input: { errorIds: string[]; userId: string; note: string }, now = new Date()): Promise<number> {
  const note = input.note.trim();
  if (!note) throw new AcknowledgeError("Write a short note saying why the error can be closed.");
  if (input.errorIds.length === 0) return 0;
  const closed = await db
    .update(vehicleErrors)
    .set({ state: "acknowledged", closedAt: now, closedBy: input.userId, note })
    .where(and(inArray(vehicleErrors.id, input.errorIds), eq(vehicleErrors.state, "open")))
    .returning({ vehicleId: vehicleErrors.vehicleId });
  for (const vehicleId of new Set(closed.map((row) => row.vehicleId).filter((id): id is string => id !== null))) await syncConnectionHealth(db, vehicleId);
  return closed.length;
}

/** Makes that appear in the fleet, for the filter. */
export async function listErrorMakes(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ make: vehicles.make }).from(vehicles).orderBy(vehicles.make);
  return rows.map((row) => row.make);
}
