import "server-only";
import { eq, sql } from "drizzle-orm";
import { recordAudit, SYSTEM } from "@/lib/audit/record";
import type { Database } from "@/lib/db";
import { vehicleCommands } from "@/lib/db/schema";
import { recordApiError } from "@/lib/errors/record";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import type { LiveEvent, LiveHub } from "@/lib/live";
import type { SmartcarClient, SmartcarError, V2VehicleRef, V3VehicleRef } from "@/lib/smartcar";
import { commandSupportForMake } from "@/lib/smartcar/command-compatibility";
import { COMMAND_LABELS, type CommandKind, type CommandStatus } from "./kinds";
import { loadCommandTarget } from "./target";

/**
 * Sends one requested command to Smartcar and records the answer: v3 with the application token
 * where Smartcar serves the make's commands, v2 with the connection's stored token where only v2
 * does (and as the fallback when v3 answers SMARTCAR_NOT_CAPABLE). The row says which path was used.
 * Confirmation by the car's next reading happens later, in confirm.ts.
 */

export interface CommandDeps {
  db: Database;
  smartcar: SmartcarClient;
  hub?: LiveHub | null;
  log?: { warn: (context: object, message: string) => void; error: (context: object, message: string) => void };
  /** Called with the failed command (alerts for "command failed" rules). */
  onFailed?: (db: Database, command: FailedCommand) => Promise<LiveEvent[]>;
}

export interface FailedCommand {
  id: string;
  vehicleId: string;
  vehicleName: string;
  kind: CommandKind;
  status: "failed" | "timed_out";
  errorType: string;
  errorCode: string | null;
  errorDescription: string;
}

/** The error kinds that say something about the connection itself; the error center tracks those. */
const CONNECTION_ERROR_TYPES = new Set(["AUTHENTICATION", "PERMISSION", "CONNECTED_SERVICES_ACCOUNT", "BILLING"]);

/**
 * The client's errors, recognised by shape: under `npm start` the client may come from the other
 * module world (see docs/architecture.md), where `instanceof SmartcarError` does not hold.
 */
function asSmartcarError(error: unknown): SmartcarError | null {
  if (error instanceof Error && error.name === "SmartcarError" && typeof (error as Partial<SmartcarError>).type === "string") return error as SmartcarError;
  return null;
}

async function send(smartcar: SmartcarClient, api: "v3" | "v2", kind: CommandKind, v3: V3VehicleRef, v2: V2VehicleRef, percent: number | null): Promise<string | null> {
  if (api === "v2") {
    if (kind === "lock") await smartcar.v2Api.lock(v2);
    else if (kind === "unlock") await smartcar.v2Api.unlock(v2);
    else if (kind === "start_charge") await smartcar.v2Api.startCharge(v2);
    else if (kind === "stop_charge") await smartcar.v2Api.stopCharge(v2);
    else await smartcar.v2Api.setChargeLimit(v2, percent!);
    return null;
  }
  const execution =
    kind === "lock"
      ? await smartcar.lock(v3)
      : kind === "unlock"
        ? await smartcar.unlock(v3)
        : kind === "start_charge"
          ? await smartcar.startCharge(v3)
          : kind === "stop_charge"
            ? await smartcar.stopCharge(v3)
            : await smartcar.setChargeLimit(v3, percent!);
  return execution.id;
}

/** Runs a `requested` command to its answer; returns its status then, or null if another worker had it. */
export async function executeCommand(deps: CommandDeps, commandId: string): Promise<CommandStatus | null> {
  const { db } = deps;
  const [claimed] = await db
    .update(vehicleCommands)
    .set({ status: "sent", sentAt: sql`now()` })
    .where(sql`${vehicleCommands.id} = ${commandId} and ${vehicleCommands.status} = 'requested'`)
    .returning();
  if (!claimed) return null;
  const target = await loadCommandTarget(db, claimed.vehicleId);
  const connection = target?.connection;
  const live: LiveEvent[] = [];
  let status: CommandStatus;
  let api: "v3" | "v2" = target ? commandSupportForMake(target.vehicle.make).api : "v3";
  let failure: { type: string; code: string | null; description: string; requestId: string | null; statusCode: number | null; retryAfter: number | null } | null = null;

  if (!target || !connection) {
    status = "failed";
    failure = { type: "CLIENT", code: "NO_CONNECTION", description: "The vehicle lost its Smartcar connection before the command was sent.", requestId: null, statusCode: null, retryAfter: null };
  } else {
    const v3 = { userId: connection.smartcarUserId, vehicleId: target.vehicle.smartcarVehicleId };
    const v2 = { vehicleId: target.vehicle.smartcarVehicleId, connectionId: connection.id };
    try {
      let executionId: string | null;
      try {
        executionId = await send(deps.smartcar, api, claimed.kind, v3, v2, claimed.percent);
      } catch (error) {
        const refusal = asSmartcarError(error);
        if (api !== "v3" || !connection.hasV2Token || refusal?.type !== "COMPATIBILITY" || refusal.code !== "SMARTCAR_NOT_CAPABLE") throw error;
        api = "v2";
        executionId = await send(deps.smartcar, api, claimed.kind, v3, v2, claimed.percent);
      }
      // A reading may have confirmed it while the answer travelled back: confirmed stays confirmed.
      const [done] = await db
        .update(vehicleCommands)
        .set({ status: sql`case when ${vehicleCommands.status} = 'confirmed' then 'confirmed'::command_status else 'succeeded'::command_status end`, completedAt: sql`now()`, api, executionId })
        .where(eq(vehicleCommands.id, commandId))
        .returning({ status: vehicleCommands.status });
      status = done!.status;
    } catch (error) {
      const smartcarError = asSmartcarError(error);
      if (!smartcarError) deps.log?.error({ err: error, commandId }, "command failed unexpectedly");
      failure = smartcarError
        ? {
            type: smartcarError.type,
            code: smartcarError.code,
            description: smartcarError.suggestedUserMessage ?? smartcarError.description,
            requestId: smartcarError.requestId,
            statusCode: smartcarError.statusCode || null,
            retryAfter: smartcarError.retryAfter,
          }
        : { type: "CLIENT", code: "UNEXPECTED", description: error instanceof Error ? error.message : String(error), requestId: null, statusCode: null, retryAfter: null };
      status = failure.type === "NETWORK" && failure.code === "TIMEOUT" ? "timed_out" : "failed";
      if (smartcarError && (CONNECTION_ERROR_TYPES.has(smartcarError.type) || smartcarError.needsReauthentication())) {
        await recordApiError(db, claimed.vehicleId, smartcarError);
        live.push({ type: "errors", vehicleId: claimed.vehicleId });
      }
    }
  }

  const vehicleName = target ? vehicleDisplayName(target.vehicle) : claimed.vehicleId;
  if (failure) {
    await db
      .update(vehicleCommands)
      .set({
        status,
        api,
        completedAt: sql`now()`,
        errorType: failure.type,
        errorCode: failure.code,
        errorDescription: failure.description.slice(0, 1_000),
        errorRequestId: failure.requestId,
        errorStatusCode: failure.statusCode,
        retryAfterSeconds: failure.retryAfter,
      })
      .where(eq(vehicleCommands.id, commandId));
  }
  await recordAudit(db, {
    action: "command.result",
    actor: SYSTEM,
    target: { type: "command", id: commandId, label: `${COMMAND_LABELS[claimed.kind]} · ${vehicleName}: ${status.replace("_", " ")}` },
    vehicleId: claimed.vehicleId,
    outcome: failure ? "failure" : "success",
    details: { status, api, vehicle: vehicleName, ...(failure ? { error: `${failure.type}:${failure.code ?? "null"}`, description: failure.description } : {}) },
  });
  if (failure && deps.onFailed && (status === "failed" || status === "timed_out")) {
    live.push(
      ...(await deps.onFailed(db, {
        id: commandId,
        vehicleId: claimed.vehicleId,
        vehicleName,
        kind: claimed.kind,
        status,
        errorType: failure.type,
        errorCode: failure.code,
        errorDescription: failure.description,
      })),
    );
  }
  live.push({ type: "command", vehicleId: claimed.vehicleId, commandId, status });
  await deps.hub?.publish(live).catch((error) => deps.log?.warn({ err: error }, "command notice not sent"));
  return status;
}
