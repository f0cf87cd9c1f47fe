import "server-only";
import { createHash } from "node:crypto";
import { asc } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, userActor } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-user";
import { visibleVehiclesCondition } from "@/lib/auth/vehicle-access";
import type { Database } from "@/lib/db";
import { vehicles } from "@/lib/db/schema";
import { vehicleListConditions } from "@/lib/fleet/vehicle-list";
import { vehicleListQuerySchema } from "@/lib/fleet/vehicle-list-query";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { COMMAND_LABELS } from "./kinds";
import { commandRequestSchema, requestCommand, type CommandRefusal } from "./request";
import { loadCommandTarget } from "./target";

/**
 * One command to many vehicles (managers only): the vehicles the list's filters select, previewed
 * first (how many can take it, why the others cannot), then confirmed with the count the manager saw.
 * Each vehicle gets its own command through the same checks as a single one, keyed by the bulk
 * request's idempotency key, so retrying the bulk request sends nothing twice.
 */

export const MAX_BULK_VEHICLES = 500;

const filtersSchema = vehicleListQuerySchema.pick({ q: true, make: true, status: true, battery: true });

export const bulkCommandSchema = z.intersection(
  commandRequestSchema,
  z.object({
    filters: filtersSchema.default({}),
    /** Absent: preview only. Present: the number of vehicles the manager confirmed. */
    confirmedCount: z.number().int().min(1).optional(),
  }),
);
export type BulkCommandRequest = z.infer<typeof bulkCommandSchema>;

export interface BulkPreview {
  total: number;
  eligible: number;
  skipped: { reason: string; count: number }[];
  truncated: boolean;
}

export type BulkResult =
  | { ok: true; preview: BulkPreview }
  | { ok: true; bulkId: string; commandIds: string[]; refused: { vehicleId: string; vehicleName: string; message: string }[] }
  | { ok: false; reason: "forbidden" | "changed" | "nothing"; message: string };

function bulkIdFor(userId: string, key: string): string {
  const hex = createHash("sha256").update(`fleetdeck:bulk:${userId}:${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function selectTargets(db: Database, user: SessionUser, input: BulkCommandRequest) {
  const query = { ...vehicleListQuerySchema.parse({}), ...input.filters };
  const rows = await db
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(vehicleListConditions(query, { visibility: visibleVehiclesCondition(user) }))
    .orderBy(asc(vehicles.make), asc(vehicles.model), asc(vehicles.id))
    .limit(MAX_BULK_VEHICLES + 1);
  const truncated = rows.length > MAX_BULK_VEHICLES;
  const eligible: { id: string; name: string }[] = [];
  const skipped = new Map<string, number>();
  for (const { id } of rows.slice(0, MAX_BULK_VEHICLES)) {
    const target = await loadCommandTarget(db, id);
    if (!target) continue;
    const availability = target.capabilities.commands[input.command];
    const range = target.capabilities.chargeLimit;
    const reason = !availability.available
      ? (availability.reason ?? "Cannot take this command.")
      : input.command === "set_charge_limit" && range && (input.percent! < range.min || input.percent! > range.max)
        ? `Accepts charge limits of ${range.min}–${range.max} % only.`
        : null;
    if (reason) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    else eligible.push({ id, name: vehicleDisplayName(target.vehicle) });
  }
  return { total: Math.min(rows.length, MAX_BULK_VEHICLES), eligible, skipped, truncated };
}

export async function requestBulkCommand(db: Database, user: SessionUser, input: BulkCommandRequest, context: { clientAddress?: string | null } = {}): Promise<BulkResult> {
  if (user.role !== "manager") return { ok: false, reason: "forbidden", message: "Only managers send commands to many vehicles at once." };
  const targets = await selectTargets(db, user, input);
  const preview: BulkPreview = {
    total: targets.total,
    eligible: targets.eligible.length,
    skipped: [...targets.skipped].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    truncated: targets.truncated,
  };
  if (input.confirmedCount === undefined) return { ok: true, preview };
  const bulkId = bulkIdFor(user.id, input.idempotencyKey);
  if (targets.eligible.length === 0) return { ok: false, reason: "nothing", message: "None of the selected vehicles can take this command." };
  if (input.confirmedCount !== targets.eligible.length) {
    return { ok: false, reason: "changed", message: `The selection changed: ${targets.eligible.length} vehicles can take it now, not ${input.confirmedCount}. Review it and confirm again.` };
  }
  await recordAudit(db, {
    action: "command.bulk",
    actor: userActor(user),
    target: { type: "bulk", id: bulkId, label: `${COMMAND_LABELS[input.command]} × ${targets.eligible.length}` },
    clientAddress: context.clientAddress,
    details: { command: input.command, percent: input.percent ?? null, filters: input.filters, vehicles: targets.eligible.length, skipped: preview.skipped },
  });
  const commandIds: string[] = [];
  const refused: { vehicleId: string; vehicleName: string; message: string }[] = [];
  for (const vehicle of targets.eligible) {
    const result = await requestCommand(
      db,
      user,
      vehicle.id,
      { command: input.command, percent: input.percent, idempotencyKey: `bulk:${bulkId}:${vehicle.id}` },
      { clientAddress: context.clientAddress, bulkId },
    );
    if (result.ok) {
      if (result.created) commandIds.push(result.command.id);
    } else {
      refused.push({ vehicleId: vehicle.id, vehicleName: vehicle.name, message: (result as CommandRefusal).message });
    }
  }
  return { ok: true, bulkId, commandIds, refused };
}
