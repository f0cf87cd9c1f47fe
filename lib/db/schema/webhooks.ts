import { bigserial, index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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
