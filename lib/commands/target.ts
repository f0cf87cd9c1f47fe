import "server-only";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, vehicleCommands, vehicleTokens, vehicles } from "@/lib/db/schema";
import { commandCapabilities, type CommandTarget, type VehicleCommandCapabilities } from "./capabilities";
import type { CommandKind } from "./kinds";

/** A vehicle as the command path needs it: identity, the connection to act through, what it can do. */

export interface CommandVehicle {
  id: string;
  smartcarVehicleId: string;
  make: string;
  model: string;
  year: number;
  nickname: string | null;
  powertrainType: string | null;
}

export interface CommandConnection {
  id: string;
  smartcarUserId: string;
  ownerId: string;
  status: "active" | "needs_reauth" | "revoked";
  permissions: string[];
  hasV2Token: boolean;
}

export interface LoadedCommandTarget {
  vehicle: CommandVehicle;
  connection: CommandConnection | null;
  capabilities: VehicleCommandCapabilities;
}

/**
 * The connection a command goes through: the acting owner's own when they have one, else the
 * healthiest (active before needs_reauth, oldest first). Revoked connections never carry commands.
 */
async function pickConnection(db: Database, vehicleId: string, preferOwnerId: string | null): Promise<CommandConnection | null> {
  const rows = await db
    .select({
      id: connections.id,
      smartcarUserId: connections.smartcarUserId,
      ownerId: connections.ownerId,
      status: connections.status,
      permissions: connections.permissions,
      hasV2Token: sql<boolean>`vehicle_tokens.connection_id is not null`,
    })
    .from(connections)
    .leftJoin(vehicleTokens, eq(vehicleTokens.connectionId, connections.id))
    .where(and(eq(connections.vehicleId, vehicleId), ne(connections.status, "revoked")))
    .orderBy(asc(connections.status), asc(connections.connectedAt));
  return rows.find((row) => row.ownerId === preferOwnerId) ?? rows[0] ?? null;
}

/** The latest COMPATIBILITY refusal per command kind, unless a later command of that kind went through. */
async function refusals(db: Database, vehicleId: string): Promise<CommandTarget["refused"]> {
  const latest = await db
    .selectDistinctOn([vehicleCommands.kind], { kind: vehicleCommands.kind, status: vehicleCommands.status, type: vehicleCommands.errorType, code: vehicleCommands.errorCode })
    .from(vehicleCommands)
    .where(and(eq(vehicleCommands.vehicleId, vehicleId), sql`${vehicleCommands.status} in ('succeeded', 'confirmed', 'unconfirmed', 'failed')`))
    .orderBy(vehicleCommands.kind, desc(vehicleCommands.completedAt));
  const refused: CommandTarget["refused"] = {};
  for (const row of latest) {
    if (row.status === "failed" && row.type === "COMPATIBILITY") refused[row.kind as CommandKind] = { type: row.type, code: row.code };
  }
  return refused;
}

export async function loadCommandTarget(db: Database, vehicleId: string, actingUserId: string | null = null): Promise<LoadedCommandTarget | null> {
  const [vehicle] = await db
    .select({
      id: vehicles.id,
      smartcarVehicleId: vehicles.smartcarVehicleId,
      make: vehicles.make,
      model: vehicles.model,
      year: vehicles.year,
      nickname: vehicles.nickname,
      powertrainType: vehicles.powertrainType,
    })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  if (!vehicle) return null;
  const [connection, refused] = await Promise.all([pickConnection(db, vehicleId, actingUserId), refusals(db, vehicleId)]);
  return {
    vehicle,
    connection,
    capabilities: commandCapabilities({ make: vehicle.make, powertrainType: vehicle.powertrainType, connection, refused }),
  };
}
