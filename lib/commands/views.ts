import "server-only";
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { isCalendarDay } from "@/lib/audit/filters";
import type { SessionUser } from "@/lib/auth/session-user";
import { visibleVehiclesCondition } from "@/lib/auth/vehicle-access";
import type { Database } from "@/lib/db";
import { users, vehicleCommands, vehicles } from "@/lib/db/schema";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { describeSmartcarError } from "@/lib/smartcar/error-catalog";
import { COMMAND_KINDS, COMMAND_STATUSES, type CommandKind, type CommandStatus } from "./kinds";

/** Commands as the pages and the API show them, and the fleet-wide list with its filters. */

export interface CommandErrorView {
  type: string;
  code: string | null;
  title: string;
  meaning: string;
  /** What the person looking at it can do, from the error catalogue. */
  action: string;
  description: string | null;
  retryAfterSeconds: number | null;
}

export interface CommandView {
  id: string;
  vehicleId: string;
  vehicleName: string;
  kind: CommandKind;
  percent: number | null;
  status: CommandStatus;
  api: "v3" | "v2" | null;
  bulkId: string | null;
  requestedBy: string | null;
  requestedAt: string;
  sentAt: string | null;
  completedAt: string | null;
  confirmedAt: string | null;
  error: CommandErrorView | null;
}

const row = {
  id: vehicleCommands.id,
  vehicleId: vehicleCommands.vehicleId,
  kind: vehicleCommands.kind,
  percent: vehicleCommands.percent,
  status: vehicleCommands.status,
  api: vehicleCommands.api,
  bulkId: vehicleCommands.bulkId,
  requestedAt: vehicleCommands.requestedAt,
  sentAt: vehicleCommands.sentAt,
  completedAt: vehicleCommands.completedAt,
  confirmedAt: vehicleCommands.confirmedAt,
  errorType: vehicleCommands.errorType,
  errorCode: vehicleCommands.errorCode,
  errorDescription: vehicleCommands.errorDescription,
  retryAfterSeconds: vehicleCommands.retryAfterSeconds,
  requestedBy: users.email,
  nickname: vehicles.nickname,
  year: vehicles.year,
  make: vehicles.make,
  model: vehicles.model,
};


function selectCommands(db: Database) {
  return db
    .select(row)
    .from(vehicleCommands)
    .innerJoin(vehicles, eq(vehicles.id, vehicleCommands.vehicleId))
    .leftJoin(users, eq(users.id, vehicleCommands.requestedBy));
}

type CommandRow = Awaited<ReturnType<typeof selectCommands>>[number];

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toCommandView(command: CommandRow, role: SessionUser["role"]): CommandView {
  const entry = command.errorType ? describeSmartcarError(command.errorType, command.errorCode) : null;
  return {
    id: command.id,
    vehicleId: command.vehicleId,
    vehicleName: vehicleDisplayName(command),
    kind: command.kind,
    percent: command.percent,
    status: command.status,
    api: command.api,
    bulkId: command.bulkId,
    requestedBy: command.requestedBy,
    requestedAt: command.requestedAt.toISOString(),
    sentAt: iso(command.sentAt),
    completedAt: iso(command.completedAt),
    confirmedAt: iso(command.confirmedAt),
    error:
      entry && command.errorType
        ? {
            type: command.errorType,
            code: command.errorCode,
            title: entry.title,
            meaning: entry.meaning,
            action: role === "owner" ? (entry.ownerAction ?? entry.managerAction) : entry.managerAction,
            description: command.errorDescription,
            retryAfterSeconds: command.retryAfterSeconds,
          }
        : null,
  };
}


export async function getCommandView(db: Database, commandId: string, role: SessionUser["role"]): Promise<CommandView | null> {
  const [command] = await selectCommands(db).where(eq(vehicleCommands.id, commandId));
  return command ? toCommandView(command, role) : null;
}

export async function recentVehicleCommands(db: Database, vehicleId: string, role: SessionUser["role"], limit = 8): Promise<CommandView[]> {
  const rows = await selectCommands(db).where(eq(vehicleCommands.vehicleId, vehicleId)).orderBy(desc(vehicleCommands.requestedAt)).limit(limit);
  return rows.map((command) => toCommandView(command, role));
}

export const COMMAND_PAGE_SIZE = 50;

const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isCalendarDay(value), "Use a date like 2026-11-30.");

export const commandFiltersSchema = z.object({
  status: z.enum(COMMAND_STATUSES, { error: "Unknown status." }).optional(),
  kind: z.enum(COMMAND_KINDS, { error: "Unknown command." }).optional(),
  vehicle: z.uuid("Not a vehicle id.").optional(),
  q: z.string().trim().max(100, "Keep the search under 100 characters.").optional(),
  bulk: z.uuid("Not a bulk id.").optional(),
  from: optionalDay,
  to: optionalDay,
  page: z.coerce.number({ error: "Page is a number." }).int().min(1).max(10_000).default(1),
});
export type CommandFilters = z.infer<typeof commandFiltersSchema>;

export function parseCommandFilters(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params) : Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  for (const key of Object.keys(raw)) if (raw[key] === "" || raw[key] === undefined) delete raw[key];
  return commandFiltersSchema.safeParse(raw);
}

export async function listCommands(db: Database, user: SessionUser, filters: CommandFilters): Promise<{ rows: CommandView[]; hasMore: boolean }> {
  const where: (SQL | undefined)[] = [visibleVehiclesCondition(user)];
  if (filters.status) where.push(eq(vehicleCommands.status, filters.status));
  if (filters.kind) where.push(eq(vehicleCommands.kind, filters.kind));
  if (filters.vehicle) where.push(eq(vehicleCommands.vehicleId, filters.vehicle));
  if (filters.bulk) where.push(eq(vehicleCommands.bulkId, filters.bulk));
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    where.push(sql`(${vehicles.nickname} ilike ${pattern} or concat_ws(' ', ${vehicles.year}, ${vehicles.make}, ${vehicles.model}) ilike ${pattern} or ${vehicles.vin} ilike ${pattern} or ${users.email} ilike ${pattern})`);
  }
  if (filters.from) where.push(gte(vehicleCommands.requestedAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) where.push(lt(vehicleCommands.requestedAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)));
  const rows = await selectCommands(db)
    .where(and(...where))
    .orderBy(desc(vehicleCommands.requestedAt))
    .limit(COMMAND_PAGE_SIZE + 1)
    .offset((filters.page - 1) * COMMAND_PAGE_SIZE);
  return { rows: rows.slice(0, COMMAND_PAGE_SIZE).map((command) => toCommandView(command, user.role)), hasMore: rows.length > COMMAND_PAGE_SIZE };
}

/** Views of several commands by id (a bulk action's answer). */
export async function commandViews(db: Database, ids: string[], role: SessionUser["role"]): Promise<CommandView[]> {
  if (ids.length === 0) return [];
  const rows = await selectCommands(db).where(inArray(vehicleCommands.id, ids)).orderBy(desc(vehicleCommands.requestedAt));
  return rows.map((command) => toCommandView(command, role));
}
