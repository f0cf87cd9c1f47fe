import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { connections, reconnectCampaigns, reconnectLinks, users, vehicleErrors, vehicles, type CampaignSelection } from "@/lib/db/schema";
import { toCsv } from "@/lib/errors/csv";
import { reconnectLinkUrl } from "./links";
import { reconnectEmail } from "./message-template";
import { enqueueMessage } from "./outbox";
import { sendReconnectLink, type SendOptions } from "./send-link";

/**
 * Migration campaigns: one reconnect link per selected vehicle, a deadline, reminders for those who
 * have not finished, and a funnel (notified → opened → started → reconnected) read from the links.
 */

export type Campaign = typeof reconnectCampaigns.$inferSelect;

export class CampaignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CampaignError";
  }
}

/** Vehicles a selection covers: those with a connection that is not revoked (someone to send a link to). */
export async function selectCampaignVehicles(db: Database, selection: CampaignSelection): Promise<string[]> {
  const condition =
    selection.kind === "make"
      ? sql`lower(${vehicles.make}) = lower(${selection.make})`
      : selection.kind === "error"
        ? sql`exists (select 1 from ${vehicleErrors} e where e.vehicle_id = ${vehicles.id} and e.state = 'open' and e.type = ${selection.type}
            and coalesce(e.code, '') = ${selection.code ?? ""})`
        : undefined;
  const rows = await db
    .selectDistinct({ id: vehicles.id })
    .from(vehicles)
    .innerJoin(connections, and(eq(connections.vehicleId, vehicles.id), ne(connections.status, "revoked")))
    .where(condition)
    .orderBy(vehicles.id);
  return rows.map((row) => row.id);
}

export interface NewCampaign {
  name: string;
  reason: Campaign["reason"];
  message: string;
  deadline: Date;
  selection: CampaignSelection;
  createdBy: string | null;
}

export async function createCampaign(db: Database, options: SendOptions, input: NewCampaign, now = new Date()): Promise<{ campaign: Campaign; notified: number }> {
  if (input.deadline <= now) throw new CampaignError("The deadline must be in the future.");
  const vehicleIds = await selectCampaignVehicles(db, input.selection);
  if (vehicleIds.length === 0) throw new CampaignError("No connected vehicle matches this selection.");
  const [campaign] = await db
    .insert(reconnectCampaigns)
    .values({ name: input.name, reason: input.reason, message: input.message, deadline: input.deadline, selection: input.selection, createdBy: input.createdBy, createdAt: now })
    .returning();
  for (const vehicleId of vehicleIds) {
    await sendReconnectLink(db, options, { vehicleId, createdBy: input.createdBy, campaignId: campaign!.id, reason: input.message, deadline: input.deadline }, now);
  }
  return { campaign: campaign!, notified: vehicleIds.length };
}

export interface FunnelCounts {
  total: number;
  notified: number;
  opened: number;
  started: number;
  reconnected: number;
}

export interface CampaignMember {
  linkId: string;
  vehicleId: string;
  vehicle: string;
  make: string;
  ownerEmail: string;
  notifiedAt: Date | null;
  openedAt: Date | null;
  startedAt: Date | null;
  reconnectedAt: Date | null;
  remindersSent: number;
  lastRemindedAt: Date | null;
}

export type MemberStage = "notified" | "opened" | "started" | "reconnected" | "pending";

/** The furthest funnel step a member reached. */
export function memberStage(member: Pick<CampaignMember, "notifiedAt" | "openedAt" | "startedAt" | "reconnectedAt">): MemberStage {
  if (member.reconnectedAt) return "reconnected";
  if (member.startedAt) return "started";
  if (member.openedAt) return "opened";
  if (member.notifiedAt) return "notified";
  return "pending";
}

/**
 * Funnel counts are cumulative: a vehicle that reconnected also counts as notified, opened and
 * started, even when the owner reconnected from the app without opening the link.
 */
export function funnelCounts(members: CampaignMember[]): FunnelCounts {
  const reached = (steps: MemberStage[]) => members.filter((member) => steps.includes(memberStage(member))).length;
  return {
    total: members.length,
    notified: reached(["notified", "opened", "started", "reconnected"]),
    opened: reached(["opened", "started", "reconnected"]),
    started: reached(["started", "reconnected"]),
    reconnected: reached(["reconnected"]),
  };
}

export async function listCampaignMembers(db: Database, campaignId: string): Promise<CampaignMember[]> {
  const rows = await db
    .select({
      linkId: reconnectLinks.id,
      vehicleId: vehicles.id,
      year: vehicles.year,
      make: vehicles.make,
      model: vehicles.model,
      nickname: vehicles.nickname,
      ownerEmail: users.email,
      notifiedAt: reconnectLinks.notifiedAt,
      openedAt: reconnectLinks.openedAt,
      startedAt: reconnectLinks.startedAt,
      reconnectedAt: reconnectLinks.reconnectedAt,
      remindersSent: reconnectLinks.remindersSent,
      lastRemindedAt: reconnectLinks.lastRemindedAt,
    })
    .from(reconnectLinks)
    .innerJoin(vehicles, eq(vehicles.id, reconnectLinks.vehicleId))
    .innerJoin(users, eq(users.id, reconnectLinks.ownerId))
    .where(eq(reconnectLinks.campaignId, campaignId))
    .orderBy(asc(vehicles.make), asc(vehicles.model), asc(vehicles.id));
  return rows.map(({ year, model, nickname, ...row }) => ({ ...row, vehicle: `${year} ${row.make} ${model}${nickname ? ` (${nickname})` : ""}` }));
}

export async function getCampaign(db: Database, campaignId: string): Promise<Campaign | null> {
  const [campaign] = await db.select().from(reconnectCampaigns).where(eq(reconnectCampaigns.id, campaignId)).limit(1);
  return campaign ?? null;
}

export async function campaignProgress(db: Database, campaignId: string): Promise<{ campaign: Campaign; funnel: FunnelCounts; members: CampaignMember[] } | null> {
  const campaign = await getCampaign(db, campaignId);
  if (!campaign) return null;
  const members = await listCampaignMembers(db, campaignId);
  return { campaign, funnel: funnelCounts(members), members };
}

export async function listCampaigns(db: Database): Promise<(Campaign & FunnelCounts)[]> {
  const campaigns = await db.select().from(reconnectCampaigns).orderBy(desc(reconnectCampaigns.createdAt)).limit(100);
  if (campaigns.length === 0) return [];
  const counts = await db
    .select({
      campaignId: reconnectLinks.campaignId,
      total: sql<number>`count(*)::int`,
      notified: sql<number>`count(*) filter (where ${reconnectLinks.notifiedAt} is not null or ${reconnectLinks.reconnectedAt} is not null)::int`,
      opened: sql<number>`count(*) filter (where ${reconnectLinks.openedAt} is not null or ${reconnectLinks.startedAt} is not null or ${reconnectLinks.reconnectedAt} is not null)::int`,
      started: sql<number>`count(*) filter (where ${reconnectLinks.startedAt} is not null or ${reconnectLinks.reconnectedAt} is not null)::int`,
      reconnected: sql<number>`count(*) filter (where ${reconnectLinks.reconnectedAt} is not null)::int`,
    })
    .from(reconnectLinks)
    .where(inArray(reconnectLinks.campaignId, campaigns.map((campaign) => campaign.id)))
    .groupBy(reconnectLinks.campaignId);
  const byId = new Map(counts.map((row) => [row.campaignId, row]));
  return campaigns.map((campaign) => {
    const row = byId.get(campaign.id);
    return { ...campaign, total: row?.total ?? 0, notified: row?.notified ?? 0, opened: row?.opened ?? 0, started: row?.started ?? 0, reconnected: row?.reconnected ?? 0 };
  });
}

/** Emails the owners who have not reconnected yet, with the same link, while it is still valid. */
export async function sendCampaignReminders(db: Database, options: SendOptions, campaignId: string, now = new Date()): Promise<number> {
  const campaign = await getCampaign(db, campaignId);
  if (!campaign) throw new CampaignError("That campaign does not exist.");
  if (campaign.deadline <= now) throw new CampaignError("The campaign's deadline has passed; its links no longer work.");
  const open = await db
    .select({ link: reconnectLinks, owner: { id: users.id, email: users.email, name: users.name }, vehicle: { make: vehicles.make, model: vehicles.model, year: vehicles.year } })
    .from(reconnectLinks)
    .innerJoin(users, eq(users.id, reconnectLinks.ownerId))
    .innerJoin(vehicles, eq(vehicles.id, reconnectLinks.vehicleId))
    .where(and(eq(reconnectLinks.campaignId, campaignId), isNull(reconnectLinks.reconnectedAt)));
  for (const { link, owner, vehicle } of open) {
    const email = reconnectEmail({ ownerName: owner.name, ...vehicle, reason: link.reason, url: reconnectLinkUrl(options.signing, link), deadline: campaign.deadline, reminder: true });
    await enqueueMessage(
      db,
      { kind: "reminder", toEmail: owner.email, toUserId: owner.id, subject: email.subject, text: email.text, vehicleId: link.vehicleId, linkId: link.id, campaignId, createdAt: now },
      options.mailerConfigured,
    );
    await db
      .update(reconnectLinks)
      .set({ remindersSent: sql`${reconnectLinks.remindersSent} + 1`, lastRemindedAt: now })
      .where(eq(reconnectLinks.id, link.id));
  }
  return open.length;
}

/** CSV of the members who have not reconnected yet, for follow-up by phone or in person. */
export function remainingMembersCsv(members: CampaignMember[]): string {
  const remaining = members.filter((member) => !member.reconnectedAt);
  return toCsv(
    ["vehicle_id", "vehicle", "owner_email", "stage", "notified_at", "opened_at", "started_at", "reminders_sent"],
    remaining.map((member) => [
      member.vehicleId,
      member.vehicle,
      member.ownerEmail,
      memberStage(member),
      member.notifiedAt?.toISOString() ?? "",
      member.openedAt?.toISOString() ?? "",
      member.startedAt?.toISOString() ?? "",
      String(member.remindersSent),
    ]),
  );
}
