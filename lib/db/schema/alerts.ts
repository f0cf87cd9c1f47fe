import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ALERT_RULE_KINDS } from "@/lib/alerts/kinds";
import { users } from "./users";
import { vehicles } from "./vehicles";

/**
 * Events in, notifications out (Traccar's shape): readings and jobs become alert events when a rule's
 * condition starts (or clears); each event fans out to the rule's channels — in-app notifications,
 * email through the outbox, signed outbound webhooks.
 */

export const alertRuleKind = pgEnum("alert_rule_kind", ALERT_RULE_KINDS);
export const alertScope = pgEnum("alert_scope", ["all", "make", "owner", "vehicle"]);
export const alertRecipients = pgEnum("alert_recipients", ["creator", "managers"]);
export const alertSeverity = pgEnum("alert_severity", ["info", "warning", "critical"]);
export const alertEventState = pgEnum("alert_event_state", ["triggered", "resolved"]);

export interface AlertRuleParams {
  /** battery_below, fuel_below: percent; webhook_success_rate: percent. */
  threshold?: number;
  /** offline, asleep, no_data. */
  hours?: number;
  /** webhook_success_rate. */
  windowMinutes?: number;
  /** smartcar_error (either may be left out to match any). */
  errorType?: string;
  errorCode?: string;
  /** fleet_event: e.g. `place.arrived`. */
  eventType?: string;
}

export const alertRules = pgTable(
  "alert_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: alertRuleKind("kind").notNull(),
    params: jsonb("params").$type<AlertRuleParams>().notNull().default({}),
    scope: alertScope("scope").notNull().default("all"),
    /** The make, owner user id or vehicle id the scope names. */
    scopeValue: text("scope_value"),
    /** After an alert for one vehicle (or the fleet), the same rule stays silent for it this long. */
    quietMinutes: integer("quiet_minutes").notNull().default(60),
    notifyInApp: boolean("notify_in_app").notNull().default(true),
    notifyEmail: boolean("notify_email").notNull().default(false),
    webhookEndpointIds: uuid("webhook_endpoint_ids").array().notNull().default(sql`'{}'::uuid[]`),
    recipients: alertRecipients("recipients").notNull().default("creator"),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("alert_rules_created_by_idx").on(table.createdBy)],
);

/**
 * Whether a rule's condition holds for a subject (a vehicle id, or `fleet`). The transition
 * false→true is what fires: `insert … on conflict … where not active` lets exactly one transaction
 * win it, however many instances evaluate the same reading.
 */
export const alertStates = pgTable(
  "alert_states",
  {
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => alertRules.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    active: boolean("active").notNull(),
    since: timestamp("since", { withTimezone: true, precision: 3 }).notNull(),
    /** Counts the times the condition started; part of each event's de-duplication key. */
    episode: integer("episode").notNull().default(1),
    lastNotifiedAt: timestamp("last_notified_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [primaryKey({ columns: [table.ruleId, table.subject] }), index("alert_states_active_idx").on(table.subject).where(sql`${table.active}`)],
);

export const alertEvents = pgTable(
  "alert_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ruleId: uuid("rule_id").references(() => alertRules.id, { onDelete: "set null" }),
    ruleName: text("rule_name").notNull(),
    kind: alertRuleKind("kind").notNull(),
    vehicleId: uuid("vehicle_id").references(() => vehicles.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    state: alertEventState("state").notNull(),
    severity: alertSeverity("severity").notNull(),
    title: text("title").notNull(),
    message: text("message").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    /** rule:subject:episode:state — unique, so an event exists once whoever evaluates it. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index("alert_events_occurred_idx").on(table.occurredAt), index("alert_events_vehicle_idx").on(table.vehicleId, table.occurredAt)],
);

/** In-app notifications: one per recipient of an alert event. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => alertEvents.id, { onDelete: "cascade" }),
    vehicleId: uuid("vehicle_id").references(() => vehicles.id, { onDelete: "set null" }),
    severity: alertSeverity("severity").notNull(),
    title: text("title").notNull(),
    message: text("message").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("notifications_event_user_uq").on(table.eventId, table.userId),
    index("notifications_user_idx").on(table.userId, table.createdAt),
    index("notifications_unread_idx").on(table.userId).where(sql`${table.readAt} is null`),
  ],
);

export const endpointFormat = pgEnum("endpoint_format", ["json", "slack"]);

/** Outbound webhooks to other systems. The signing secret is shown once and kept encrypted (it is needed to sign). */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  url: text("url").notNull(),
  format: endpointFormat("format").notNull().default("json"),
  secretEncrypted: text("secret_encrypted").notNull(),
  keyId: text("key_id").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const endpointDeliveryStatus = pgEnum("endpoint_delivery_status", ["pending", "delivered", "failed"]);

/** Every outbound webhook attempt series, like the inbound delivery log: what was sent, what came back. */
export const endpointDeliveries = pgTable(
  "endpoint_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** Null for "send test". */
    eventId: uuid("event_id").references(() => alertEvents.id, { onDelete: "set null" }),
    eventType: text("event_type").notNull(),
    status: endpointDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When the next attempt may start; also the lease while one runs. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    body: text("body").notNull(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastDurationMs: integer("last_duration_ms"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex("endpoint_deliveries_event_uq").on(table.eventId, table.endpointId).where(sql`${table.eventId} is not null`),
    index("endpoint_deliveries_due_idx").on(table.status, table.nextAttemptAt),
    index("endpoint_deliveries_endpoint_idx").on(table.endpointId, table.createdAt),
  ],
);
