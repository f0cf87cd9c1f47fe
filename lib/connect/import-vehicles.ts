import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, smartcarUsers, vehicles } from "@/lib/db/schema";
import { getLogger } from "@/lib/log";
import type { SmartcarClient } from "@/lib/smartcar";
import type { LiveHub } from "@/lib/live/hub";
import { applyVehicleStates } from "@/lib/webhooks/apply";
import { replayUnmatchedDeliveries } from "@/lib/webhooks/worker";

export interface ImportedVehicle {
  id: string;
  smartcarVehicleId: string;
}

/**
 * Brings every vehicle a Smartcar user has connected into the fleet, through the v3 API with the
 * application token and `sc-user-id`: one vehicle row per Smartcar vehicle (however many owners
 * connect it, however often), one connection row per (vehicle, Smartcar user).
 */
export async function importSmartcarUserVehicles(
  db: Database,
  smartcar: SmartcarClient,
  input: { smartcarUserId: string; ownerId: string; onlyVehicleIds?: readonly string[]; hub?: LiveHub | null },
): Promise<ImportedVehicle[]> {
  const listed = await smartcar.listConnections({ userId: input.smartcarUserId });
  const wanted = listed.filter(
    (connection) => connection.vehicleId && (!input.onlyVehicleIds || input.onlyVehicleIds.includes(connection.vehicleId)),
  );
  const details = await Promise.all(
    wanted.map(async (connection) => ({
      connection,
      vehicle: await smartcar.getVehicle({ userId: input.smartcarUserId, vehicleId: connection.vehicleId! }),
    })),
  );

  const imported = await db.transaction(async (tx) => {
    // An OEM account belongs to whoever connected it last; webhooks for it route to that owner.
    await tx
      .insert(smartcarUsers)
      .values({ id: input.smartcarUserId, userId: input.ownerId })
      .onConflictDoUpdate({ target: smartcarUsers.id, set: { userId: input.ownerId } });
    const imported: ImportedVehicle[] = [];
    for (const { connection, vehicle } of details) {
      const mode = vehicle.mode === "simulated" || connection.vehicle?.mode === "simulated" ? "simulated" : "live";
      const [row] = await tx
        .insert(vehicles)
        .values({
          smartcarVehicleId: vehicle.id,
          make: vehicle.make,
          model: vehicle.model,
          year: vehicle.year,
          powertrainType: vehicle.powertrainType ?? connection.vehicle?.powertrainType ?? null,
          mode,
        })
        .onConflictDoUpdate({
          target: vehicles.smartcarVehicleId,
          set: {
            make: sql`excluded.make`,
            model: sql`excluded.model`,
            year: sql`excluded.year`,
            powertrainType: sql`coalesce(excluded.powertrain_type, ${vehicles.powertrainType})`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId });
      await tx
        .insert(connections)
        .values({
          vehicleId: row!.id,
          smartcarUserId: input.smartcarUserId,
          ownerId: input.ownerId,
          permissions: connection.permissions,
          status: "active",
        })
        .onConflictDoUpdate({
          target: [connections.vehicleId, connections.smartcarUserId],
          set: {
            ownerId: input.ownerId,
            permissions: connection.permissions,
            status: "active",
            revokedAt: null,
            lastReconnectedAt: sql`now()`,
          },
        });
      imported.push(row!);
    }
    return imported;
  });
  await storeCurrentSignals(db, smartcar, input.smartcarUserId, imported);
  await replayUnmatchedDeliveries(db, input.hub ?? null, imported.map((vehicle) => vehicle.smartcarVehicleId));
  return imported;
}

/**
 * A freshly connected car shows its battery and odometer at once instead of waiting for its first
 * webhook. Best effort: a car that cannot be read now is still connected, and webhooks fill it in later.
 */
async function storeCurrentSignals(db: Database, smartcar: SmartcarClient, smartcarUserId: string, imported: ImportedVehicle[]): Promise<void> {
  const reports = await Promise.allSettled(
    imported.map(async (vehicle) => ({
      smartcarVehicleId: vehicle.smartcarVehicleId,
      smartcarUserId,
      signals: await smartcar.listSignals({ userId: smartcarUserId, vehicleId: vehicle.smartcarVehicleId }),
      meta: { deliveredAt: new Date() },
    })),
  );
  const fetched = reports.flatMap((report) => (report.status === "fulfilled" ? [report.value] : []));
  const failed = reports.length - fetched.length;
  if (failed > 0) getLogger().warn({ failed, vehicles: reports.length }, "connect: some vehicles' signals could not be read yet");
  if (fetched.length > 0) await applyVehicleStates(db, fetched);
}
