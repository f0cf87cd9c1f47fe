import { and, eq, inArray } from "drizzle-orm";
import type { SimulatorContext } from "./context";
import { simConnections, simInjectedErrors, simSettings, simVehicles } from "./db/schema";
import type { VehicleState } from "./world";

/** Queries over the emulator's tables shared by the API, the clock and the control plane. */

export type SimVehicle = Omit<typeof simVehicles.$inferSelect, "state"> & { state: VehicleState };
export type SimConnection = typeof simConnections.$inferSelect;
export type SimSettings = typeof simSettings.$inferSelect;

export async function getSettings(ctx: SimulatorContext): Promise<SimSettings> {
  const [row] = await ctx.db.select().from(simSettings).where(eq(simSettings.id, 1));
  if (!row) throw new Error("emulator world is not seeded");
  return row;
}

export async function simulatedNow(ctx: SimulatorContext): Promise<number> {
  const settings = await getSettings(ctx);
  return Date.now() + settings.clockOffsetMs;
}

export async function getVehicle(ctx: SimulatorContext, vehicleId: string): Promise<SimVehicle | undefined> {
  const [row] = await ctx.db.select().from(simVehicles).where(eq(simVehicles.id, vehicleId));
  return row as SimVehicle | undefined;
}

export async function listVehicles(ctx: SimulatorContext, vehicleIds?: string[]): Promise<SimVehicle[]> {
  if (vehicleIds && vehicleIds.length === 0) return [];
  const query = ctx.db.select().from(simVehicles);
  const rows = vehicleIds ? await query.where(inArray(simVehicles.id, vehicleIds)) : await query.orderBy(simVehicles.id);
  return rows as SimVehicle[];
}

export async function saveVehicleState(ctx: SimulatorContext, vehicleId: string, state: VehicleState): Promise<void> {
  await ctx.db.update(simVehicles).set({ state }).where(eq(simVehicles.id, vehicleId));
}

export async function findConnection(ctx: SimulatorContext, userId: string, vehicleId: string): Promise<SimConnection | undefined> {
  const [row] = await ctx.db
    .select()
    .from(simConnections)
    .where(and(eq(simConnections.userId, userId), eq(simConnections.vehicleId, vehicleId)));
  return row;
}

export async function connectionsOfVehicle(ctx: SimulatorContext, vehicleId: string): Promise<SimConnection[]> {
  return ctx.db.select().from(simConnections).where(eq(simConnections.vehicleId, vehicleId));
}

export async function injectedErrorFor(ctx: SimulatorContext, vehicle: { id: string; make: string }): Promise<{ type: string; code: string | null } | undefined> {
  const rows = await ctx.db
    .select()
    .from(simInjectedErrors)
    .where(inArray(simInjectedErrors.target, [vehicle.id, vehicle.make.toUpperCase()]));
  const byVehicle = rows.find((row) => row.scope === "vehicle" && row.target === vehicle.id);
  if (byVehicle) return { type: byVehicle.type, code: byVehicle.code };
  const byMake = rows.find((row) => row.scope === "make" && row.target === vehicle.make.toUpperCase());
  // A car re-authenticated during a make-wide migration is past it (see connect.ts `reauthenticate`).
  const exempt = rows.some((row) => row.scope === "reauthenticated" && row.target === vehicle.id && byMake && row.type === byMake.type && row.code === byMake.code);
  return byMake && !exempt ? { type: byMake.type, code: byMake.code } : undefined;
}
