import "server-only";
import { sql } from "drizzle-orm";
import { databaseKindOf, type Database } from "@/lib/db/client";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import type { AlertVehicle } from "./notificators";
import type { VehicleScope } from "./scope";

/**
 * What the webhook worker needs for every batch, kept in memory per process and database:
 * - vehicles' make, owners and names (they change rarely: a new owner's rules see a vehicle within
 *   VEHICLE_TTL_MS);
 * - on PGlite, which is one process by design, also which alert conditions are active and which
 *   vehicles have commands waiting: every change to them happens in this process, which updates the
 *   cache as it makes them (and reloads it every few seconds), so a batch costs no extra statement.
 * On PostgreSQL other instances change those too; there the batch reads them with one statement
 * (`sharedState`), inside its transaction and under the vehicles' locks, so it sees every committed
 * transition. Either way the database arbitrates firing (`insert … where not active`).
 */

export type CachedVehicle = VehicleScope & AlertVehicle;

interface OperationsCache {
  /** Only this process writes the database (PGlite): states and open commands may be cached. */
  exclusive: boolean;
  vehicles: Map<string, { vehicle: CachedVehicle; at: number }>;
  active: { at: number; states: Map<string, Set<string>> } | null;
  openCommands: { at: number; vehicles: Set<string> } | null;
}

const VEHICLE_TTL_MS = 10 * 60_000;
const ACTIVE_TTL_MS = 5_000;
const OPEN_COMMANDS_TTL_MS = 2_000;
const MAX_VEHICLES = 200_000;

const globalForCache = globalThis as unknown as { fleetdeckOperationsCache?: WeakMap<Database, OperationsCache> };

export function operationsCache(base: Database): OperationsCache {
  const caches = (globalForCache.fleetdeckOperationsCache ??= new WeakMap());
  let cache = caches.get(base);
  if (!cache) caches.set(base, (cache = { exclusive: databaseKindOf(base) === "pglite", vehicles: new Map(), active: null, openCommands: null }));
  return cache;
}

type Rows<T> = { rows: T[] };

export async function cachedVehicles(tx: Database, cache: OperationsCache, ids: string[], now = Date.now()): Promise<Map<string, CachedVehicle>> {
  const found = new Map<string, CachedVehicle>();
  const missing: string[] = [];
  for (const id of ids) {
    const entry = cache.vehicles.get(id);
    if (entry && now - entry.at < VEHICLE_TTL_MS) found.set(id, entry.vehicle);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  if (cache.vehicles.size > MAX_VEHICLES) cache.vehicles.clear();
  const result = (await tx.execute(sql`
    select v.id, v.make, v.model, v.year, v.vin, v.nickname,
      coalesce((select array_agg(c.owner_id::text) from connections c where c.vehicle_id = v.id and c.status <> 'revoked'), '{}') as owners
    from vehicles v where v.id = any(${`{${missing.join(",")}}`}::uuid[])`)) as unknown as Rows<{ id: string; make: string; model: string; year: number; vin: string | null; nickname: string | null; owners: string[] }>;
  for (const row of result.rows) {
    const vehicle: CachedVehicle = { id: row.id, make: row.make, model: row.model, year: row.year, vin: row.vin, owners: row.owners, name: vehicleDisplayName(row) };
    cache.vehicles.set(row.id, { vehicle, at: now });
    found.set(row.id, vehicle);
  }
  return found;
}

export async function activeStates(tx: Database, cache: OperationsCache, now = Date.now()): Promise<Map<string, Set<string>>> {
  if (cache.active && now - cache.active.at < ACTIVE_TTL_MS) return cache.active.states;
  const result = (await tx.execute(sql`select rule_id::text as "ruleId", subject from alert_states where active`)) as unknown as Rows<{ ruleId: string; subject: string }>;
  const states = new Map<string, Set<string>>();
  for (const row of result.rows) {
    if (!states.has(row.ruleId)) states.set(row.ruleId, new Set());
    states.get(row.ruleId)!.add(row.subject);
  }
  cache.active = { at: now, states };
  return states;
}

/** After this process fired (`active`) or cleared a condition. */
export function markActive(cache: OperationsCache, ruleId: string, subject: string, active: boolean): void {
  if (!cache.active) return;
  let set = cache.active.states.get(ruleId);
  if (!set) cache.active.states.set(ruleId, (set = new Set()));
  if (active) set.add(subject);
  else set.delete(subject);
}

export async function openCommandVehicles(tx: Database, cache: OperationsCache, now = Date.now()): Promise<Set<string>> {
  if (cache.openCommands && now - cache.openCommands.at < OPEN_COMMANDS_TTL_MS) return cache.openCommands.vehicles;
  const result = (await tx.execute(sql`
    select distinct vehicle_id::text as "vehicleId" from vehicle_commands where status in ('requested', 'sent', 'succeeded', 'unconfirmed')`)) as unknown as Rows<{ vehicleId: string }>;
  cache.openCommands = { at: now, vehicles: new Set(result.rows.map((row) => row.vehicleId)) };
  return cache.openCommands.vehicles;
}

/** Active conditions and vehicles with commands waiting, read from the database for these vehicles. */
export async function sharedState(tx: Database, vehicleIds: string[]): Promise<{ active: Map<string, Set<string>>; openCommands: Set<string> }> {
  const ids = `{${vehicleIds.join(",")}}`;
  const result = (await tx.execute(sql`
    select 'state' as kind, rule_id::text as "ruleId", subject from alert_states where active and subject = any(${ids}::text[])
    union all
    select distinct 'command', null, vehicle_id::text from vehicle_commands
      where status in ('requested', 'sent', 'succeeded', 'unconfirmed') and vehicle_id = any(${ids}::uuid[])`)) as unknown as Rows<{ kind: string; ruleId: string | null; subject: string }>;
  const active = new Map<string, Set<string>>();
  const openCommands = new Set<string>();
  for (const row of result.rows) {
    if (row.kind === "command") {
      openCommands.add(row.subject);
      continue;
    }
    if (!active.has(row.ruleId!)) active.set(row.ruleId!, new Set());
    active.get(row.ruleId!)!.add(row.subject);
  }
  return { active, openCommands };
}

/** A command was accepted on this process: its vehicle's readings must be checked from now on. */
export function noteOpenCommand(base: Database, vehicleId: string): void {
  operationsCache(base).openCommands?.vehicles.add(vehicleId);
}
