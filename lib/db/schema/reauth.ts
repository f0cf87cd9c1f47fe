import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { connectAttempts } from "./connect";
import { users } from "./users";
import { vehicles } from "./vehicles";

export const campaignReason = pgEnum("reconnect_campaign_reason", ["oem_migration", "credential_reset", "other"]);

/** Which vehicles a campaign was started for, kept as chosen so the page can say it. */
export type CampaignSelection = { kind: "all" } | { kind: "make"; make: string } | { kind: "error"; type: string; code: string | null };

/** A manager's push to get many owners to reconnect before a deadline (an OEM migration, a credential reset). */
export const reconnectCampaigns = pgTable("reconnect_campaigns", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  reason: campaignReason("reason").notNull(),
  message: text("message").notNull(),
  selection: jsonb("selection").$type<CampaignSelection>().notNull(),
  deadline: timestamp("deadline", { withTimezone: true }).notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reconnect link sent to a vehicle's owner: bound to one vehicle, expiring, and spent once the
 * vehicle reconnects. The token itself is never stored (it is an HMAC over the row's id, vehicle and
 * expiry). The timestamps are the funnel: notified → opened → started → reconnected.
 */
export const reconnectLinks = pgTable(
  "reconnect_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id").references(() => reconnectCampaigns.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Why the owner must reconnect, as shown to them (Smartcar's suggestedUserMessage when there was one). */
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    reconnectedAt: timestamp("reconnected_at", { withTimezone: true }),
    connectAttemptId: uuid("connect_attempt_id").references(() => connectAttempts.id, { onDelete: "set null" }),
    remindersSent: integer("reminders_sent").notNull().default(0),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
  },
  (table) => [
    index("reconnect_links_vehicle_idx").on(table.vehicleId),
    uniqueIndex("reconnect_links_campaign_vehicle_uq").on(table.campaignId, table.vehicleId).where(sql`${table.campaignId} is not null`),
  ],
);

export const reconnectVia = pgEnum("reconnect_via", ["app", "link"]);

/** History: every confirmed re-authentication of a vehicle. */
export const reconnectEvents = pgTable(
  "reconnect_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    via: reconnectVia("via").notNull(),
    linkId: uuid("link_id").references(() => reconnectLinks.id, { onDelete: "set null" }),
    errorsClosed: integer("errors_closed").notNull().default(0),
    reconnectedAt: timestamp("reconnected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("reconnect_events_vehicle_idx").on(table.vehicleId, table.reconnectedAt)],
);

export const outboxKind = pgEnum("outbox_kind", ["reconnect_link", "reminder", "alert", "report"]);
/** `stored`: no mail server configured, the message lives only in the outbox page. */
export const outboxStatus = pgEnum("outbox_status", ["stored", "pending", "sent", "failed"]);

/** Every message the app sends to a person, kept whether or not SMTP is configured. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: outboxKind("kind").notNull(),
    toEmail: text("to_email").notNull(),
    toUserId: uuid("to_user_id").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    /** Optional HTML alternative to `text` (alerts, reports). */
    html: text("html"),
    /** Files sent along (report CSVs), content as UTF-8 text. */
    attachments: jsonb("attachments").$type<{ filename: string; contentType: string; content: string }[]>(),
    vehicleId: uuid("vehicle_id").references(() => vehicles.id, { onDelete: "set null" }),
    linkId: uuid("link_id").references(() => reconnectLinks.id, { onDelete: "set null" }),
    campaignId: uuid("campaign_id").references(() => reconnectCampaigns.id, { onDelete: "set null" }),
    status: outboxStatus("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** A pending message is not tried before this; a delivery pass leases rows by moving it forward. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [index("outbox_messages_created_idx").on(table.createdAt), index("outbox_messages_campaign_idx").on(table.campaignId)],
);
