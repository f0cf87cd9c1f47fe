import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, users, vehicleErrors, vehicles, webhookDeliveries } from "@/lib/db/schema";

const PAGE_LIMIT = 50;

export function listOpenErrors(db: Database) {
  return db
    .select()
    .from(vehicleErrors)
    .where(eq(vehicleErrors.state, "open"))
    .orderBy(desc(vehicleErrors.lastSeenAt))
    .limit(PAGE_LIMIT);
}

export function listRecentDeliveries(db: Database) {
  return db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      smartcarVehicleId: webhookDeliveries.smartcarVehicleId,
      status: webhookDeliveries.status,
      receivedAt: webhookDeliveries.receivedAt,
    })
    .from(webhookDeliveries)
    .orderBy(desc(webhookDeliveries.id))
    .limit(PAGE_LIMIT);
}

export function listConnectionsNeedingReconnect(db: Database) {
  return db
    .select({
      id: connections.id,
      make: vehicles.make,
      model: vehicles.model,
      year: vehicles.year,
      ownerEmail: users.email,
      connectedAt: connections.connectedAt,
    })
    .from(connections)
    .innerJoin(vehicles, eq(vehicles.id, connections.vehicleId))
    .innerJoin(users, eq(users.id, connections.ownerId))
    .where(eq(connections.status, "needs_reauth"))
    .orderBy(desc(connections.connectedAt))
    .limit(PAGE_LIMIT);
}
