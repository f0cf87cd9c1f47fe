import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicleCommands, vehicles } from "@/lib/db/schema";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import type { LiveEvent } from "@/lib/live/events";
import type { FailedCommand } from "./execute";
import type { CommandKind } from "./kinds";

/**
 * No command waits forever. Run by the background jobs on every instance (each update only moves a
 * row out of the state it matched, so two instances cannot both act on one command):
 * - `requested` for NOT_SENT_AFTER: the instance that accepted it stopped before sending → timed_out;
 * - `sent` for NO_ANSWER_AFTER (longer than the client's timeouts and retries) → timed_out;
 * - `succeeded` for CONFIRM_WITHIN without a reading showing the new state → unconfirmed.
 */

export const NOT_SENT_AFTER_MS = 2 * 60_000;
export const NO_ANSWER_AFTER_MS = 3 * 60_000;
export const CONFIRM_WITHIN_MS = 5 * 60_000;

type Rows<T> = { rows: T[] };

export async function expireCommands(db: Database, now = new Date()): Promise<{ live: LiveEvent[]; timedOut: FailedCommand[] }> {
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const timedOut = (await db.execute(sql`
    update ${vehicleCommands} c set
      status = 'timed_out', completed_at = now(),
      error_type = case when c.status = 'requested' then 'CLIENT' else 'NETWORK' end,
      error_code = case when c.status = 'requested' then 'NOT_SENT' else 'TIMEOUT' end,
      error_description = case when c.status = 'requested'
        then 'The command was never sent: the server stopped before sending it. Check the vehicle and send it again if still needed.'
        else 'No answer from Smartcar was recorded. The car may or may not have carried it out: check its state before trying again.' end
    from ${vehicles} v
    where v.id = c.vehicle_id and (
      (c.status = 'requested' and c.requested_at < ${before(NOT_SENT_AFTER_MS)}::timestamptz)
      or (c.status = 'sent' and c.sent_at < ${before(NO_ANSWER_AFTER_MS)}::timestamptz))
    returning c.id, c.vehicle_id as "vehicleId", c.kind, c.error_type as "errorType", c.error_code as "errorCode", c.error_description as "errorDescription",
      v.nickname, v.year, v.make, v.model`)) as unknown as Rows<{
    id: string;
    vehicleId: string;
    kind: CommandKind;
    errorType: string;
    errorCode: string;
    errorDescription: string;
    nickname: string | null;
    year: number;
    make: string;
    model: string;
  }>;
  const unconfirmed = (await db.execute(sql`
    update ${vehicleCommands} set status = 'unconfirmed'
    where status = 'succeeded' and completed_at < ${before(CONFIRM_WITHIN_MS)}::timestamptz
    returning id, vehicle_id as "vehicleId"`)) as unknown as Rows<{ id: string; vehicleId: string }>;
  const live: LiveEvent[] = [
    ...timedOut.rows.map((row): LiveEvent => ({ type: "command", vehicleId: row.vehicleId, commandId: row.id, status: "timed_out" })),
    ...unconfirmed.rows.map((row): LiveEvent => ({ type: "command", vehicleId: row.vehicleId, commandId: row.id, status: "unconfirmed" })),
  ];
  return {
    live,
    timedOut: timedOut.rows.map((row) => ({
      id: row.id,
      vehicleId: row.vehicleId,
      vehicleName: vehicleDisplayName(row),
      kind: row.kind,
      status: "timed_out",
      errorType: row.errorType,
      errorCode: row.errorCode,
      errorDescription: row.errorDescription,
    })),
  };
}
