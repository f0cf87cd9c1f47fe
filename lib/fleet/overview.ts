import "server-only";
import { count, max, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicles } from "@/lib/db/schema";
import { BATTERY_BANDS, type BatteryBand } from "./vehicle-list-query";
import { VEHICLE_STATUSES, isVehicleStatus, type VehicleStatus } from "./vehicle-status";
import { batteryPercentSql, vehicleStatusSql } from "./vehicle-status-sql";

export interface FleetOverview {
  totalVehicles: number;
  statusCounts: Record<VehicleStatus, number>;
  /** Vehicles per state-of-charge band, every band present (zero when empty). */
  battery: { band: BatteryBand; count: number }[];
  /** Vehicles that reported a state of charge at all. */
  batteryReported: number;
  averageBatteryPercent: number | null;
  lastSignalAt: Date | null;
}

/** Counts for the fleet overview, restricted to what `visibility` allows; three aggregate queries. */
export async function getFleetOverview(db: Database, visibility: SQL | undefined, now: Date = new Date()): Promise<FleetOverview> {
  const [totals, statusRows, batteryRows] = await Promise.all([
    db.select({ total: count(), lastSignalAt: max(vehicles.lastSignalAt) }).from(vehicles).where(visibility),
    db
      .select({ status: vehicleStatusSql(now), total: count() })
      .from(vehicles)
      .where(visibility)
      .groupBy(sql`1`),
    db
      .select({ bucket: sql<number>`least(floor(${batteryPercentSql} / 20), 4)::int`, total: count(), average: sql<number>`avg(${batteryPercentSql})::float8` })
      .from(vehicles)
      .where(sql`${batteryPercentSql} is not null and ${visibility ?? sql`true`}`)
      .groupBy(sql`1`),
  ]);

  const statusCounts = Object.fromEntries(VEHICLE_STATUSES.map((status) => [status, 0])) as Record<VehicleStatus, number>;
  for (const row of statusRows) if (isVehicleStatus(row.status)) statusCounts[row.status] = Number(row.total);

  const battery = BATTERY_BANDS.map((band) => ({ band, count: 0 }));
  let batteryReported = 0;
  let percentSum = 0;
  for (const row of batteryRows) {
    const bucket = Math.max(0, Math.min(BATTERY_BANDS.length - 1, Number(row.bucket)));
    const reported = Number(row.total);
    battery[bucket]!.count += reported;
    batteryReported += reported;
    percentSum += Number(row.average) * reported;
  }

  const lastSignalAt = totals[0]?.lastSignalAt ?? null;
  return {
    totalVehicles: totals[0]?.total ?? 0,
    statusCounts,
    battery,
    batteryReported,
    averageBatteryPercent: batteryReported ? percentSum / batteryReported : null,
    lastSignalAt: lastSignalAt ? new Date(lastSignalAt) : null,
  };
}
