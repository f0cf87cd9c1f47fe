import "server-only";
import { and, count, eq, gte, max } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, vehicleErrors, vehicles, webhookDeliveries } from "@/lib/db/schema";

export interface FleetOverview {
  vehicles: number;
  needsReconnect: number;
  openErrors: number;
  deliveriesLast24h: number;
  lastSignalAt: Date | null;
}

export async function getFleetOverview(db: Database, now = new Date()): Promise<FleetOverview> {
  const since = new Date(now.getTime() - 24 * 3600_000);
  const [[vehicleRow], [reconnectRow], [errorRow], [deliveryRow]] = await Promise.all([
    db.select({ total: count(), lastSignalAt: max(vehicles.lastSignalAt) }).from(vehicles),
    db.select({ total: count() }).from(connections).where(eq(connections.status, "needs_reauth")),
    db.select({ total: count() }).from(vehicleErrors).where(eq(vehicleErrors.state, "open")),
    db.select({ total: count() }).from(webhookDeliveries).where(and(gte(webhookDeliveries.receivedAt, since))),
  ]);
  return {
    vehicles: vehicleRow?.total ?? 0,
    needsReconnect: reconnectRow?.total ?? 0,
    openErrors: errorRow?.total ?? 0,
    deliveriesLast24h: deliveryRow?.total ?? 0,
    lastSignalAt: vehicleRow?.lastSignalAt ?? null,
  };
}
