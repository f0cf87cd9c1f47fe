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
    when "vehicles"."last_signal_at" is null or "vehicles"."last_signal_at" < ${cutoff}::timestamptz then 'offline'
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
