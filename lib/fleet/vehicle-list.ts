import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { vehicleDisplayNameKey, vehicles } from "@/lib/db/schema";
import { batteryBandRange, sortDirection, type VehicleListQuery } from "./vehicle-list-query";
import type { VehicleStatus } from "./vehicle-status";
import { batteryPercentSql, vehicleStatusIsSql, vehicleStatusRankSql, vehicleStatusSql } from "./vehicle-status-sql";

/** One row of the vehicles list, JSON-ready (the route handler sends it as is). */
export interface VehicleListRow {
  id: string;
  make: string;
  model: string;
  year: number;
  vin: string | null;
  nickname: string | null;
  licensePlate: string | null;
  fleetLabel: string | null;
  powertrainType: string | null;
  mode: "live" | "simulated";
  status: VehicleStatus;
  batteryPercent: number | null;
  /** Names (or emails) of the people with a live connection to this vehicle. */
  owners: string[];
  lastSignalAt: string | null;
}

export interface VehicleListPage {
  rows: VehicleListRow[];
  total: number;
  /** The page served: the requested one, or the last page when the request went past the end. */
  page: number;
  size: number;
  pageCount: number;
}

export interface VehicleListScope {
  /** From `visibleVehiclesCondition(user)`; undefined sees the whole fleet. */
  visibility: SQL | undefined;
  now?: Date;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function searchCondition(term: string): SQL {
  const pattern = `%${escapeLike(term)}%`;
  return sql`(${vehicles.vin} ilike ${pattern}
    or ${vehicles.nickname} ilike ${pattern}
    or ${vehicles.licensePlate} ilike ${pattern}
    or ${vehicles.fleetLabel} ilike ${pattern}
    or (${vehicles.make} || ' ' || ${vehicles.model}) ilike ${pattern}
    or exists (select 1 from connections c join users u on u.id = c.owner_id
      where c.vehicle_id = "vehicles"."id" and (u.email ilike ${pattern} or u.name ilike ${pattern})))`;
}

export function vehicleListConditions(query: VehicleListQuery, scope: VehicleListScope): SQL | undefined {
  const now = scope.now ?? new Date();
  const conditions: (SQL | undefined)[] = [scope.visibility];
  if (query.make) conditions.push(eq(vehicles.make, query.make));
  if (query.status) conditions.push(vehicleStatusIsSql(query.status, now));
  if (query.battery) {
    const { min, max } = batteryBandRange(query.battery);
    // The top band includes 100 %.
    conditions.push(max >= 100 ? sql`${batteryPercentSql} >= ${min}` : sql`${batteryPercentSql} >= ${min} and ${batteryPercentSql} < ${max}`);
  }
  if (query.q) conditions.push(searchCondition(query.q));
  return and(...conditions);
}

function orderBy(query: VehicleListQuery, now: Date): SQL[] {
  const direction = sortDirection(query);
  const by = direction === "asc" ? asc : desc;
  const nullsLast = (expression: SQL | typeof vehicles.lastSignalAt) =>
    direction === "asc" ? sql`${expression} asc nulls last` : sql`${expression} desc nulls last`;
  switch (query.sort) {
    case "name":
      // The name the list shows (nickname, else year make model), so the order is the one people read.
      return [direction === "asc" ? sql`${vehicleDisplayNameKey(vehicles)} asc` : sql`${vehicleDisplayNameKey(vehicles)} desc`, by(vehicles.id)];
    case "year":
      return [by(vehicles.year), asc(vehicles.make), asc(vehicles.model), by(vehicles.id)];
    case "lastSignal":
      return [nullsLast(vehicles.lastSignalAt), by(vehicles.id)];
    case "battery":
      return [nullsLast(batteryPercentSql), by(vehicles.id)];
    case "status":
      return [by(vehicleStatusRankSql(now)), asc(vehicles.make), asc(vehicles.model), by(vehicles.id)];
  }
}

/**
 * One page of the vehicles list. The page is chosen on ids alone (filter, sort, LIMIT/OFFSET),
 * then only those rows are decorated with status, battery and owners, so the cost of the extras
 * does not grow with the fleet.
 */
export async function listVehicles(db: Database, query: VehicleListQuery, scope: VehicleListScope): Promise<VehicleListPage> {
  const now = scope.now ?? new Date();
  const where = vehicleListConditions(query, { ...scope, now });
  const [totalRow] = await db.select({ total: count() }).from(vehicles).where(where);
  const total = totalRow?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);
  if (total === 0) return { rows: [], total, page, size: query.size, pageCount };

  const pageIds = await db
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(where)
    .orderBy(...orderBy(query, now))
    .limit(query.size)
    .offset((page - 1) * query.size);
  const ids = pageIds.map((row) => row.id);
  if (ids.length === 0) return { rows: [], total, page, size: query.size, pageCount };

  const decorated = await db
    .select({
      id: vehicles.id,
      make: vehicles.make,
      model: vehicles.model,
      year: vehicles.year,
      vin: vehicles.vin,
      nickname: vehicles.nickname,
      licensePlate: vehicles.licensePlate,
      fleetLabel: vehicles.fleetLabel,
      powertrainType: vehicles.powertrainType,
      mode: vehicles.mode,
      lastSignalAt: vehicles.lastSignalAt,
      status: vehicleStatusSql(now),
      batteryPercent: batteryPercentSql,
      owners: sql<string[] | null>`(select array_agg(distinct coalesce(u.name, u.email)) from connections c join users u on u.id = c.owner_id
        where c.vehicle_id = "vehicles"."id" and c.status <> 'revoked')`,
    })
    .from(vehicles)
    .where(inArray(vehicles.id, ids));
  const byId = new Map(decorated.map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        ...row,
        batteryPercent: row.batteryPercent === null ? null : Number(row.batteryPercent),
        owners: row.owners ?? [],
        lastSignalAt: row.lastSignalAt ? row.lastSignalAt.toISOString() : null,
      },
    ];
  });
  return { rows, total, page, size: query.size, pageCount };
}

/** Makes present in what the user may see, for the make filter. */
export async function listVehicleMakes(db: Database, visibility: SQL | undefined): Promise<string[]> {
  const rows = await db.selectDistinct({ make: vehicles.make }).from(vehicles).where(visibility).orderBy(asc(vehicles.make));
  return rows.map((row) => row.make);
}
