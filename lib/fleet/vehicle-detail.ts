import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db";
import { connections, users, vehicleErrors, vehicleSignals, vehicles } from "@/lib/db/schema";
import { getConfig } from "@/lib/config";
import { permissionName } from "@/lib/smartcar/permissions";
import { missingPermissions, partitionByRequest } from "./signal-permissions";
import { deriveVehicleStatus, type VehicleStatus } from "./vehicle-status";

export type VehicleRecord = typeof vehicles.$inferSelect;
export type StoredSignal = Omit<typeof vehicleSignals.$inferSelect, "vehicleId" | "updatedAt">;

export interface VehicleConnectionSummary {
  id: string;
  ownerId: string;
  status: "active" | "needs_reauth" | "revoked";
  auth: "v3_app_token" | "v2_vehicle_token";
  ownerEmail: string;
  ownerName: string | null;
  permissions: string[];
  /** Permissions Fleetdeck requests that this connection did not grant. */
  missingPermissions: string[];
  connectedAt: Date;
  lastReconnectedAt: Date | null;
  revokedAt: Date | null;
}

export interface VehicleOpenError {
  id: string;
  type: string;
  code: string | null;
  description: string | null;
  suggestedUserMessage: string | null;
  resolutionType: string | null;
  occurrences: number;
  lastSeenAt: Date;
}

export interface VehicleDetail {
  vehicle: VehicleRecord;
  status: VehicleStatus;
  connections: VehicleConnectionSummary[];
  openErrors: VehicleOpenError[];
  /** Every stored signal, except those that failed only for a permission Fleetdeck never asked for. */
  signals: StoredSignal[];
  /** Codes of the signals left out above: the car has them, this instance does not ask for them. */
  unrequestedSignalCodes: string[];
}

export interface VehicleDetailOptions {
  /** Permission names Connect asks for (config `smartcar.scope`); signals and grants are judged against them. */
  requestedPermissions?: readonly string[];
}

/** Vehicle ids are UUIDs; anything else cannot name a vehicle (and must not reach a uuid cast). */
export const vehicleIdSchema = z.uuid();

function booleanValue(signal: StoredSignal | undefined): boolean | null {
  const body = signal?.body as { value?: unknown } | null | undefined;
  return typeof body?.value === "boolean" ? body.value : null;
}

/** Everything the vehicle page shows. Authorization is the caller's job (`canSeeVehicle` first). */
export async function getVehicleDetail(db: Database, vehicleId: string, now: Date = new Date(), options: VehicleDetailOptions = {}): Promise<VehicleDetail | null> {
  const requested = options.requestedPermissions ?? getConfig().smartcar.scope.map(permissionName);
  if (!vehicleIdSchema.safeParse(vehicleId).success) return null;
  const [vehicle] = await db.select().from(vehicles).where(eq(vehicles.id, vehicleId));
  if (!vehicle) return null;

  const [connectionRows, openErrors, signals] = await Promise.all([
    db
      .select({
        id: connections.id,
        ownerId: connections.ownerId,
        status: connections.status,
        auth: connections.auth,
        ownerEmail: users.email,
        ownerName: users.name,
        permissions: connections.permissions,
        connectedAt: connections.connectedAt,
        lastReconnectedAt: connections.lastReconnectedAt,
        revokedAt: connections.revokedAt,
      })
      .from(connections)
      .innerJoin(users, eq(users.id, connections.ownerId))
      .where(eq(connections.vehicleId, vehicleId))
      .orderBy(asc(connections.connectedAt)),
    db
      .select({
        id: vehicleErrors.id,
        type: vehicleErrors.type,
        code: vehicleErrors.code,
        description: vehicleErrors.description,
        suggestedUserMessage: vehicleErrors.suggestedUserMessage,
        resolutionType: vehicleErrors.resolutionType,
        occurrences: vehicleErrors.occurrences,
        lastSeenAt: vehicleErrors.lastSeenAt,
      })
      .from(vehicleErrors)
      .where(and(eq(vehicleErrors.vehicleId, vehicleId), eq(vehicleErrors.state, "open")))
      .orderBy(desc(vehicleErrors.lastSeenAt)),
    db
      .select({
        code: vehicleSignals.code,
        name: vehicleSignals.name,
        group: vehicleSignals.group,
        body: vehicleSignals.body,
        status: vehicleSignals.status,
        error: vehicleSignals.error,
        oemUpdatedAt: vehicleSignals.oemUpdatedAt,
        retrievedAt: vehicleSignals.retrievedAt,
      })
      .from(vehicleSignals)
      .where(eq(vehicleSignals.vehicleId, vehicleId))
      .orderBy(asc(vehicleSignals.group), asc(vehicleSignals.name)),
  ]);

  const signalByCode = new Map(signals.map((signal) => [signal.code, signal]));
  const status = deriveVehicleStatus(
    {
      connectionStates: connectionRows.map((connection) => connection.status),
      openErrorCount: openErrors.length,
      isCharging: booleanValue(signalByCode.get("charge-ischarging")),
      isOnline: booleanValue(signalByCode.get("connectivitystatus-isonline")),
      lastSignalAt: vehicle.lastSignalAt,
    },
    now,
  );
  const { shown, notRequested } = partitionByRequest(signals, requested);
  return {
    vehicle,
    status,
    connections: connectionRows.map((connection) => ({ ...connection, missingPermissions: missingPermissions(connection.permissions, requested) })),
    openErrors,
    signals: shown,
    unrequestedSignalCodes: notRequested.map((signal) => signal.code),
  };
}

/** What a given user is shown: owners see their own connections only, not who else connected the car. */
export function vehicleDetailFor(user: { id: string; role: string }, detail: VehicleDetail): VehicleDetail {
  if (user.role !== "owner") return detail;
  return { ...detail, connections: detail.connections.filter((connection) => connection.ownerId === user.id) };
}
