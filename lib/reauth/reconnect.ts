import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/guards";
import { createConnectAttempt } from "@/lib/connect/attempts";
import type { Database } from "@/lib/db";
import { connections, reconnectEvents, reconnectLinks, users, vehicles } from "@/lib/db/schema";
import { closeErrorsAfterSuccess, closeReauthenticationErrors } from "@/lib/errors/record";
import type { SmartcarClient } from "@/lib/smartcar";
import { syncConnectionHealth } from "./connection-health";
import { reasonForVehicle } from "./links";
import { reauthenticationUrlForVehicle } from "./reauth-url";

/** The in-app reconnect (the owner's banner and vehicle pages) and what happens once it succeeded. */

export class ReconnectStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReconnectStartError";
  }
}

/**
 * Builds the re-authentication URL for a signed-in user: owners for their own vehicles, managers for
 * any vehicle (e.g. sitting with the owner). The attempt's state binds the return trip to this user.
 */
export async function startVehicleReconnect(db: Database, smartcar: SmartcarClient, user: SessionUser, vehicleId: string): Promise<string> {
  if (user.role === "viewer") throw new ReconnectStartError("Your role cannot reconnect vehicles.");
  const [row] = await db
    .select({ id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId, ownerId: connections.ownerId })
    .from(vehicles)
    .innerJoin(connections, eq(connections.vehicleId, vehicles.id))
    .where(and(eq(vehicles.id, vehicleId), user.role === "owner" ? eq(connections.ownerId, user.id) : undefined))
    .orderBy(desc(connections.connectedAt))
    .limit(1);
  if (!row) throw new ReconnectStartError("That vehicle is not one you can reconnect.");
  const { state } = await createConnectAttempt(db, { purpose: "reauthenticate", startedBy: user.id, ownerId: row.ownerId, vehicleId: row.id });
  return reauthenticationUrlForVehicle(db, smartcar, row, state);
}

/**
 * Called by the Connect callback once a re-authentication is confirmed (the vehicle answered again):
 * closes the errors it resolves, marks every outstanding link for the vehicle as reconnected (so
 * campaigns count it, whichever way the owner came back) and keeps a history row.
 */
export async function recordReconnect(
  db: Database,
  input: { vehicleId: string; connectAttemptId: string; ownerId: string | null; via: "app" | "link" },
  now = new Date(),
): Promise<{ errorsClosed: number }> {
  const errorsClosed = (await closeReauthenticationErrors(db, input.vehicleId, now)) + (await closeErrorsAfterSuccess(db, input.vehicleId, now));
  await syncConnectionHealth(db, input.vehicleId);
  const [viaLink] = await db.select({ id: reconnectLinks.id }).from(reconnectLinks).where(eq(reconnectLinks.connectAttemptId, input.connectAttemptId)).limit(1);
  await db
    .update(reconnectLinks)
    .set({ reconnectedAt: now })
    .where(and(eq(reconnectLinks.vehicleId, input.vehicleId), isNull(reconnectLinks.reconnectedAt)));
  await db.insert(reconnectEvents).values({
    vehicleId: input.vehicleId,
    ownerId: input.ownerId,
    via: viaLink ? "link" : input.via,
    linkId: viaLink?.id ?? null,
    errorsClosed,
    reconnectedAt: now,
  });
  return { errorsClosed };
}

export interface VehicleNeedingReconnect {
  vehicleId: string;
  make: string;
  model: string;
  year: number;
  nickname: string | null;
  ownerId: string;
  ownerEmail: string;
  ownerName: string | null;
  reason: string;
  lastLinkSentAt: Date | null;
}

/** Vehicles whose connection needs re-authentication; `ownerId` restricts to one owner's (the banner). */
export async function listVehiclesNeedingReconnect(db: Database, ownerId?: string): Promise<VehicleNeedingReconnect[]> {
  const rows = await db
    .selectDistinctOn([vehicles.id], {
      vehicleId: vehicles.id,
      make: vehicles.make,
      model: vehicles.model,
      year: vehicles.year,
      nickname: vehicles.nickname,
      ownerId: users.id,
      ownerEmail: users.email,
      ownerName: users.name,
    })
    .from(connections)
    .innerJoin(vehicles, eq(vehicles.id, connections.vehicleId))
    .innerJoin(users, eq(users.id, connections.ownerId))
    .where(and(eq(connections.status, "needs_reauth"), ownerId ? eq(connections.ownerId, ownerId) : undefined))
    .orderBy(vehicles.id, desc(connections.connectedAt));
  return Promise.all(
    rows.map(async (row) => {
      const [lastLink] = await db
        .select({ createdAt: reconnectLinks.createdAt })
        .from(reconnectLinks)
        .where(eq(reconnectLinks.vehicleId, row.vehicleId))
        .orderBy(desc(reconnectLinks.createdAt))
        .limit(1);
      return { ...row, reason: await reasonForVehicle(db, { id: row.vehicleId, make: row.make }), lastLinkSentAt: lastLink?.createdAt ?? null };
    }),
  );
}

export async function listReconnectHistory(db: Database, limit = 20) {
  return db
    .select({
      id: reconnectEvents.id,
      vehicleId: vehicles.id,
      make: vehicles.make,
      model: vehicles.model,
      year: vehicles.year,
      via: reconnectEvents.via,
      errorsClosed: reconnectEvents.errorsClosed,
      ownerEmail: users.email,
      reconnectedAt: reconnectEvents.reconnectedAt,
    })
    .from(reconnectEvents)
    .innerJoin(vehicles, eq(vehicles.id, reconnectEvents.vehicleId))
    .leftJoin(users, eq(users.id, reconnectEvents.ownerId))
    .orderBy(desc(reconnectEvents.reconnectedAt))
    .limit(limit);
}
