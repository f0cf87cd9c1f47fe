import "server-only";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { createConnectAttempt } from "@/lib/connect/attempts";
import type { Database } from "@/lib/db";
import { connections, reconnectLinks, users, vehicleErrors, vehicles } from "@/lib/db/schema";
import { callsForReauthentication } from "@/lib/errors/guidance";
import type { SmartcarClient } from "@/lib/smartcar";
import { describeSmartcarError } from "@/lib/smartcar/error-catalog";
import { signReconnectToken, verifyReconnectToken } from "./link-token";
import { reconnectReason } from "./message-template";
import { reauthenticationUrlForVehicle } from "./reauth-url";

/**
 * Reconnect links: a manager (or a campaign) sends an owner a link that leads, without a Fleetdeck
 * password, into Smartcar's re-authentication for one vehicle. A link is refused when it was altered,
 * has expired, was already spent (the vehicle reconnected), or is used for another vehicle.
 */

export const RECONNECT_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

export interface LinkSigning {
  key: Buffer;
  appUrl: string;
}

export type ReconnectLink = typeof reconnectLinks.$inferSelect;

export interface LinkVehicle {
  id: string;
  smartcarVehicleId: string;
  make: string;
  model: string;
  year: number;
  nickname: string | null;
}

export type LinkRefusal = "tampered" | "unknown" | "expired" | "used" | "other_vehicle";

export type ResolvedLink = { ok: true; link: ReconnectLink; vehicle: LinkVehicle } | { ok: false; reason: LinkRefusal };

export class ReconnectLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReconnectLinkError";
  }
}

export function reconnectLinkUrl(signing: LinkSigning, link: Pick<ReconnectLink, "id" | "vehicleId" | "expiresAt">): string {
  const token = signReconnectToken(signing.key, { linkId: link.id, vehicleId: link.vehicleId, expiresAt: link.expiresAt });
  return `${signing.appUrl}/r/${token}`;
}

/** The vehicle's owner to address: the owner of a connection that needs reconnecting, else of any live one. */
export async function vehicleOwner(db: Database, vehicleId: string): Promise<{ id: string; email: string; name: string | null } | null> {
  const [owner] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(connections)
    .innerJoin(users, eq(users.id, connections.ownerId))
    .where(and(eq(connections.vehicleId, vehicleId), ne(connections.status, "revoked")))
    .orderBy(sql`case when ${connections.status} = 'needs_reauth' then 0 else 1 end`, desc(connections.connectedAt))
    .limit(1);
  return owner ?? null;
}

/** Why this vehicle needs reconnecting, in the owner's words: the open re-authentication error's message. */
export async function reasonForVehicle(db: Database, vehicle: { id: string; make: string }): Promise<string> {
  const open = await db
    .select({ type: vehicleErrors.type, code: vehicleErrors.code, resolutionType: vehicleErrors.resolutionType, suggestedUserMessage: vehicleErrors.suggestedUserMessage })
    .from(vehicleErrors)
    .where(and(eq(vehicleErrors.vehicleId, vehicle.id), eq(vehicleErrors.state, "open")))
    .orderBy(desc(vehicleErrors.lastSeenAt));
  const reauth = open.find(callsForReauthentication);
  return reconnectReason({
    suggestedUserMessage: reauth?.suggestedUserMessage ?? null,
    catalogTitle: reauth ? describeSmartcarError(reauth.type, reauth.code).title : null,
    make: vehicle.make,
  });
}

export async function createReconnectLink(
  db: Database,
  input: { vehicleId: string; createdBy: string | null; campaignId?: string | null; reason?: string; expiresAt?: Date },
  now = new Date(),
): Promise<{ link: ReconnectLink; owner: { id: string; email: string; name: string | null }; vehicle: LinkVehicle }> {
  const [vehicle] = await db
    .select({ id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId, make: vehicles.make, model: vehicles.model, year: vehicles.year, nickname: vehicles.nickname })
    .from(vehicles)
    .where(eq(vehicles.id, input.vehicleId))
    .limit(1);
  if (!vehicle) throw new ReconnectLinkError("That vehicle does not exist.");
  const owner = await vehicleOwner(db, vehicle.id);
  if (!owner) throw new ReconnectLinkError("That vehicle has no owner with a live connection to send a link to.");
  const reason = input.reason ?? (await reasonForVehicle(db, vehicle));
  const [link] = await db
    .insert(reconnectLinks)
    .values({
      vehicleId: vehicle.id,
      ownerId: owner.id,
      campaignId: input.campaignId ?? null,
      createdBy: input.createdBy,
      reason,
      createdAt: now,
      expiresAt: input.expiresAt ?? new Date(now.getTime() + RECONNECT_LINK_TTL_MS),
    })
    .returning();
  return { link: link!, owner, vehicle };
}

/** Checks a token against its signature and its row; nothing is written. */
export async function resolveReconnectLink(db: Database, key: Buffer, token: string, now = new Date()): Promise<ResolvedLink> {
  const claims = verifyReconnectToken(key, token);
  if (!claims) return { ok: false, reason: "tampered" };
  const [row] = await db
    .select({
      link: reconnectLinks,
      vehicle: { id: vehicles.id, smartcarVehicleId: vehicles.smartcarVehicleId, make: vehicles.make, model: vehicles.model, year: vehicles.year, nickname: vehicles.nickname },
    })
    .from(reconnectLinks)
    .innerJoin(vehicles, eq(vehicles.id, reconnectLinks.vehicleId))
    .where(eq(reconnectLinks.id, claims.linkId))
    .limit(1);
  if (!row) return { ok: false, reason: "unknown" };
  if (row.link.vehicleId !== claims.vehicleId) return { ok: false, reason: "other_vehicle" };
  if (row.link.reconnectedAt) return { ok: false, reason: "used" };
  if (claims.expiresAt <= now || row.link.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, link: row.link, vehicle: row.vehicle };
}

/** The owner opened the link's page: resolves it and records the first opening (funnel step "opened"). */
export async function openReconnectLink(db: Database, key: Buffer, token: string, now = new Date()): Promise<ResolvedLink> {
  const resolved = await resolveReconnectLink(db, key, token, now);
  if (resolved.ok && !resolved.link.openedAt) {
    await db.update(reconnectLinks).set({ openedAt: now }).where(and(eq(reconnectLinks.id, resolved.link.id), isNull(reconnectLinks.openedAt)));
  }
  return resolved;
}

/**
 * The owner pressed "Reconnect" on the link's page for `vehicleId`: starts a re-authentication attempt
 * that belongs to no signed-in user (the link is the credential) and returns Smartcar's URL.
 */
export async function startReconnectFromLink(
  db: Database,
  smartcar: SmartcarClient,
  key: Buffer,
  token: string,
  vehicleId: string,
  now = new Date(),
): Promise<{ ok: true; url: string } | { ok: false; reason: LinkRefusal }> {
  const resolved = await resolveReconnectLink(db, key, token, now);
  if (!resolved.ok) return resolved;
  if (resolved.vehicle.id !== vehicleId) return { ok: false, reason: "other_vehicle" };
  const { link, vehicle } = resolved;
  const { state, attempt } = await createConnectAttempt(db, { purpose: "reauthenticate", startedBy: null, ownerId: link.ownerId, vehicleId: vehicle.id }, now);
  await db
    .update(reconnectLinks)
    .set({ openedAt: link.openedAt ?? now, startedAt: link.startedAt ?? now, connectAttemptId: attempt.id })
    .where(eq(reconnectLinks.id, link.id));
  return { ok: true, url: await reauthenticationUrlForVehicle(db, smartcar, vehicle, state) };
}
