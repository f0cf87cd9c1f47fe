import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { ONLINE_WINDOW_MS, VEHICLE_STATUSES, type VehicleStatus } from "./vehicle-status";

/**
 * `deriveVehicleStatus` as a SQL expression over the current `vehicles` row, case for case in the
 * same order. Every branch is an indexed lookup (connections by vehicle, open errors by vehicle,
 * vehicle_signals by primary key), so evaluating it for a whole fleet stays cheap.
 */
export function vehicleStatusSql(now: Date): SQL<VehicleStatus> {
  const cutoff = new Date(now.getTime() - ONLINE_WINDOW_MS).toISOString();
  return sql<VehicleStatus>`(case
    when not exists (select 1 from connections c where c.vehicle_id = "vehicles"."id" and c.status <> 'revoked') then 'disconnected'
    when exists (select 1 from connections c where c.vehicle_id = "vehicles"."id" and c.status = 'needs_reauth') then 'needs_reconnect'
    when exists (select 1 from vehicle_errors e where e.vehicle_id = "vehicles"."id" and e.state = 'open') then 'error'
    when "vehicles"."last_signal_at" is null then 'waiting'
    when "vehicles"."last_signal_at" < ${cutoff}::timestamptz then 'offline'
    when exists (select 1 from vehicle_signals s where s.vehicle_id = "vehicles"."id" and s.code = 'charge-ischarging' and s.body -> 'value' = 'true'::jsonb) then 'charging'
    when exists (select 1 from vehicle_signals s where s.vehicle_id = "vehicles"."id" and s.code = 'connectivitystatus-isonline' and s.body -> 'value' = 'false'::jsonb) then 'offline'
    else 'online'
  end)`;
}

/** Severity rank for sorting by status: the order of VEHICLE_STATUSES (most urgent first). */
export function vehicleStatusRankSql(now: Date): SQL<number> {
  const branches = VEHICLE_STATUSES.map((status, rank) => sql.raw(`when '${status}' then ${rank}`));
  return sql<number>`(case ${vehicleStatusSql(now)} ${sql.join(branches, sql` `)} end)`;
}

/** The state of charge in percent, or null when missing or not a number. */
export const batteryPercentSql = sql<number | null>`(select case when jsonb_typeof(s.body -> 'value') = 'number' then (s.body ->> 'value')::float8 end
  from vehicle_signals s where s.vehicle_id = "vehicles"."id" and s.code = 'tractionbattery-stateofcharge')`;

/**
 * "status = X" as a conjunction of EXISTS / NOT EXISTS terms, equivalent to comparing
 * `vehicleStatusSql` with X, but in a form the planner turns into semi- and anti-joins instead of
 * evaluating the whole CASE for every vehicle. Kept branch for branch with the CASE above.
 */
export function vehicleStatusIsSql(status: VehicleStatus, now: Date): SQL {
  const cutoff = new Date(now.getTime() - ONLINE_WINDOW_MS).toISOString();
  const live = sql`exists (select 1 from connections c where c.vehicle_id = "vehicles"."id" and c.status <> 'revoked')`;
  const reauth = sql`exists (select 1 from connections c where c.vehicle_id = "vehicles"."id" and c.status = 'needs_reauth')`;
  const openError = sql`exists (select 1 from vehicle_errors e where e.vehicle_id = "vehicles"."id" and e.state = 'open')`;
  const reported = sql`"vehicles"."last_signal_at" is not null`;
  const recent = sql`("vehicles"."last_signal_at" is not null and "vehicles"."last_signal_at" >= ${cutoff}::timestamptz)`;
  const charging = sql`exists (select 1 from vehicle_signals s where s.vehicle_id = "vehicles"."id" and s.code = 'charge-ischarging' and s.body -> 'value' = 'true'::jsonb)`;
  const saysOffline = sql`exists (select 1 from vehicle_signals s where s.vehicle_id = "vehicles"."id" and s.code = 'connectivitystatus-isonline' and s.body -> 'value' = 'false'::jsonb)`;
  const healthy = sql`${live} and not ${reauth} and not ${openError}`;
  switch (status) {
    case "disconnected":
      return sql`not ${live}`;
    case "needs_reconnect":
      return reauth;
    case "error":
      return sql`(${live} and not ${reauth} and ${openError})`;
    case "waiting":
      return sql`(${healthy} and not ${reported})`;
    case "offline":
      return sql`(${healthy} and ${reported} and (not ${recent} or (not ${charging} and ${saysOffline})))`;
    case "charging":
      return sql`(${healthy} and ${recent} and ${charging})`;
    case "online":
      return sql`(${healthy} and ${recent} and not ${charging} and not ${saysOffline})`;
  }
}
