import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const deliveryStatus = pgEnum("webhook_delivery_status", [
  "pending",
  "processed",
  "duplicate",
  "unhandled",
  "unmatched",
  "failed",
]);

/**
 * The inbox: every verified delivery, stored raw before it is acknowledged. The worker claims rows
 * with FOR UPDATE SKIP LOCKED, so several app instances can drain it together.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: text("event_id").notNull(),
    deliveryId: text("delivery_id"),
    eventType: text("event_type").notNull(),
    smartcarVehicleId: text("smartcar_vehicle_id"),
    rawBody: text("raw_body").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true, precision: 3 }),
    /** "valid" for signed deliveries; "unsigned" only for VERIFY, which Smartcar may send without SC-Signature. */
    signature: text("signature").notNull().default("valid"),
    /** `meta.deliveredAt` as Smartcar stamped it, to show how long the delivery travelled. */
    deliveredAt: timestamp("delivered_at", { withTimezone: true, precision: 3 }),
    smartcarUserId: text("smartcar_user_id"),
    /** Set by the worker once the event is routed to a fleet vehicle and app user. */
    vehicleId: uuid("vehicle_id"),
    userId: uuid("user_id"),
    /** A failed attempt is retried no earlier than this. */
    availableAt: timestamp("available_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** What processing changed (signals applied, history rows, errors opened/closed, why unmatched). */
    result: jsonb("result"),
    replayedAt: timestamp("replayed_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    index("webhook_deliveries_pending_idx").on(table.status, table.id),
    index("webhook_deliveries_event_idx").on(table.eventId),
    index("webhook_deliveries_received_idx").on(table.receivedAt),
  ],
);

/** Deliveries refused before storage (bad signature, too large, malformed): counted, never applied. */
export const webhookRejections = pgTable(
  "webhook_rejections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reason: text("reason").notNull(),
    statusCode: integer("status_code").notNull(),
    bodyBytes: integer("body_bytes").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("webhook_rejections_received_idx").on(table.receivedAt)],
);

/**
 * Every replay of a stored delivery, kept apart from the delivery itself: the delivery keeps the
 * timing and result of its first processing (its latency stays the original one), each replay
 * records when, by whom or why, how long it took and what it changed.
 */
export const webhookReplays = pgTable(
  "webhook_replays",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: bigint("delivery_id", { mode: "number" })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    /** A manager replaying from the inspector; null for the automatic replay when a vehicle gets connected. */
    replayedBy: uuid("replayed_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").$type<"manual" | "vehicle_connected">().notNull(),
    status: deliveryStatus("status").notNull(),
    result: jsonb("result"),
    durationMs: integer("duration_ms").notNull(),
    replayedAt: timestamp("replayed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index("webhook_replays_delivery_idx").on(table.deliveryId, table.replayedAt)],
);
