import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { noteOpenCommand } from "@/lib/alerts/cache";
import { recordAudit, userActor } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-user";
import { canSeeVehicle } from "@/lib/auth/vehicle-access";
import type { Database } from "@/lib/db";
import { vehicleCommands } from "@/lib/db/schema";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { COMMAND_KINDS, COMMAND_LABELS, type CommandKind } from "./kinds";
import { loadCommandTarget } from "./target";
import { getCommandView, type CommandView } from "./views";

/**
 * Asking for a command: who may, on which vehicle, with what input, how often. The command is
 * recorded as `requested` (once per idempotency key) and audited; sending it is `execute.ts`'s job.
 */

export const commandRequestSchema = z
  .object({
    command: z.enum(COMMAND_KINDS, { error: `command must be one of ${COMMAND_KINDS.join(", ")}.` }),
    percent: z.number({ error: "percent must be a whole number." }).int("percent must be a whole number.").optional(),
    idempotencyKey: z
      .string({ error: "idempotencyKey is required: a new random value per intended command, reused when retrying it." })
      .trim()
      .min(8, "idempotencyKey must have 8 to 100 characters.")
      .max(100, "idempotencyKey must have 8 to 100 characters.")
      .regex(/^[A-Za-z0-9._:-]+$/, "idempotencyKey may use letters, digits and . _ : - only."),
  })
  .refine((input) => input.command !== "set_charge_limit" || input.percent !== undefined, { message: "percent is required to set a charge limit.", path: ["percent"] });

export type CommandRequest = z.infer<typeof commandRequestSchema>;

export type CommandRefusal =
  | { reason: "not_found"; message: string }
  | { reason: "forbidden"; message: string }
  | { reason: "invalid"; message: string; allowed?: { min: number; max: number } }
  | { reason: "unavailable"; message: string }
  | { reason: "busy"; message: string; commandId: string }
  | { reason: "rate_limited"; message: string; retryAfterSeconds: number }
  | { reason: "key_reused"; message: string };

export type CommandRequestResult = ({ ok: true; command: CommandView; created: boolean } | ({ ok: false } & CommandRefusal));

/** At most this many commands per vehicle in RATE_WINDOW_MS, whoever sends them: cars and car makers throttle. */
export const MAX_COMMANDS_PER_WINDOW = 6;
const RATE_WINDOW_MS = 5 * 60_000;

function commandLockKey(vehicleId: string): bigint {
  return createHash("sha256").update(`fleetdeck:commands:${vehicleId}`).digest().readBigInt64BE(0);
}

type Rows<T> = { rows: T[] };

/** Whether this vehicle may take another command now (one at a time, a per-vehicle budget, Smartcar's retry-after). */
async function vehicleLimits(db: Database, vehicleId: string, now: Date): Promise<CommandRefusal | null> {
  const result = (await db.execute(sql`
    select
      (select id from ${vehicleCommands} where vehicle_id = ${vehicleId} and status in ('requested', 'sent') limit 1) as "openId",
      (select count(*)::int from ${vehicleCommands} where vehicle_id = ${vehicleId} and requested_at > ${new Date(now.getTime() - RATE_WINDOW_MS).toISOString()}::timestamptz) as "recent",
      (select max(completed_at + make_interval(secs => retry_after_seconds)) from ${vehicleCommands}
        where vehicle_id = ${vehicleId} and error_type = 'RATE_LIMIT' and retry_after_seconds is not null) as "blockedUntil",
      (select min(requested_at) from (select requested_at from ${vehicleCommands} where vehicle_id = ${vehicleId}
        order by requested_at desc limit ${MAX_COMMANDS_PER_WINDOW}) as newest) as "oldestCounted"`)) as unknown as Rows<{
    openId: string | null;
    recent: number;
    blockedUntil: string | Date | null;
    oldestCounted: string | Date | null;
  }>;
  const limits = result.rows[0]!;
  if (limits.openId) return { reason: "busy", message: "Another command for this vehicle is still on its way; wait for its answer.", commandId: limits.openId };
  const blockedUntil = limits.blockedUntil ? new Date(limits.blockedUntil) : null;
  if (blockedUntil && blockedUntil > now) {
    const retryAfterSeconds = Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000);
    return { reason: "rate_limited", message: `Smartcar asked to wait before the next request to this vehicle (${retryAfterSeconds} s).`, retryAfterSeconds };
  }
  if (Number(limits.recent) >= MAX_COMMANDS_PER_WINDOW && limits.oldestCounted) {
    const retryAfterSeconds = Math.max(1, Math.ceil((new Date(limits.oldestCounted).getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
    return { reason: "rate_limited", message: `At most ${MAX_COMMANDS_PER_WINDOW} commands per vehicle in 5 minutes; try again in ${retryAfterSeconds} s.`, retryAfterSeconds };
  }
  return null;
}

async function existingForKey(db: Database, user: SessionUser, key: string) {
  const [row] = await db
    .select({ id: vehicleCommands.id, vehicleId: vehicleCommands.vehicleId, kind: vehicleCommands.kind, percent: vehicleCommands.percent })
    .from(vehicleCommands)
    .where(and(eq(vehicleCommands.requestedBy, user.id), eq(vehicleCommands.idempotencyKey, key)));
  return row;
}

async function replay(db: Database, user: SessionUser, vehicleId: string, input: CommandRequest): Promise<CommandRequestResult | null> {
  const existing = await existingForKey(db, user, input.idempotencyKey);
  if (!existing) return null;
  if (existing.vehicleId !== vehicleId || existing.kind !== input.command || (existing.percent ?? undefined) !== input.percent) {
    return { ok: false, reason: "key_reused", message: "This idempotency key was already used for a different command." };
  }
  return { ok: true, command: (await getCommandView(db, existing.id, user.role))!, created: false };
}

/**
 * Records a command a person asked for, after every check the request path makes: visibility (404
 * alike for missing and someone else's vehicle), role (viewers never), input, what the car can do,
 * and the per-vehicle limits. A repeated idempotency key returns the first command instead.
 */
export async function requestCommand(
  db: Database,
  user: SessionUser,
  vehicleId: string,
  input: CommandRequest,
  context: { clientAddress?: string | null; bulkId?: string | null; now?: Date } = {},
): Promise<CommandRequestResult> {
  if (!(await canSeeVehicle(db, user, vehicleId))) return { ok: false, reason: "not_found", message: "No such vehicle." };
  if (user.role === "viewer") return { ok: false, reason: "forbidden", message: "Viewers cannot send commands." };
  const replayed = await replay(db, user, vehicleId, input);
  if (replayed) return replayed;

  const target = await loadCommandTarget(db, vehicleId, user.id);
  if (!target) return { ok: false, reason: "not_found", message: "No such vehicle." };
  const kind: CommandKind = input.command;
  const range = target.capabilities.chargeLimit;
  if (kind === "set_charge_limit" && range && (input.percent! < range.min || input.percent! > range.max)) {
    return { ok: false, reason: "invalid", message: `The charge limit must be between ${range.min} and ${range.max} % for this vehicle.`, allowed: range };
  }
  const availability = target.capabilities.commands[kind];
  if (!availability.available) return { ok: false, reason: "unavailable", message: availability.reason ?? "This vehicle cannot take this command." };

  const now = context.now ?? new Date();
  const outcome = await db.transaction(async (tx): Promise<{ id: string } | CommandRefusal | null> => {
    // One command decision per vehicle at a time, on every instance.
    await tx.execute(sql`select pg_advisory_xact_lock(${commandLockKey(vehicleId).toString()}::bigint)`);
    // The same request may have been recorded while this one waited for the lock.
    if (await existingForKey(tx, user, input.idempotencyKey)) return null;
    const refused = await vehicleLimits(tx, vehicleId, now);
    if (refused) return refused;
    const [created] = await tx
      .insert(vehicleCommands)
      .values({
        vehicleId,
        connectionId: target.connection!.id,
        requestedBy: user.id,
        kind,
        percent: kind === "set_charge_limit" ? input.percent! : null,
        idempotencyKey: input.idempotencyKey,
        bulkId: context.bulkId ?? null,
        requestedAt: now,
      })
      .onConflictDoNothing({ target: [vehicleCommands.requestedBy, vehicleCommands.idempotencyKey] })
      .returning({ id: vehicleCommands.id });
    if (!created) return null;
    await recordAudit(tx, {
      action: "command.request",
      actor: userActor(user),
      target: { type: "command", id: created.id, label: `${COMMAND_LABELS[kind]}${kind === "set_charge_limit" ? ` ${input.percent} %` : ""} · ${vehicleDisplayName(target.vehicle)}` },
      vehicleId,
      clientAddress: context.clientAddress,
      details: { command: kind, percent: input.percent ?? null, vehicle: vehicleDisplayName(target.vehicle), api: availability.api, bulkId: context.bulkId ?? null },
    });
    return created;
  });
  // Lost a race with the same key (a double click): answer with the winner's command.
  if (outcome === null) return (await replay(db, user, vehicleId, input))!;
  if ("reason" in outcome) {
    await recordAudit(db, {
      action: "command.request",
      actor: userActor(user),
      target: { type: "vehicle", id: vehicleId, label: vehicleDisplayName(target.vehicle) },
      vehicleId,
      outcome: "denied",
      clientAddress: context.clientAddress,
      details: { command: kind, reason: outcome.reason, message: outcome.message },
    });
    return { ok: false, ...outcome };
  }
  noteOpenCommand(db, vehicleId);
  return { ok: true, command: (await getCommandView(db, outcome.id, user.role))!, created: true };
}

export const COMMAND_REFUSAL_STATUS: Record<CommandRefusal["reason"], number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  unavailable: 409,
  busy: 409,
  rate_limited: 429,
  key_reused: 409,
};

