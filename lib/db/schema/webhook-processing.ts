import { bigint, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { vehicleErrors } from "./errors";

/**
 * One row per Smartcar `eventId` whose effects were applied. Written in the same transaction as the
 * effects, so a retried delivery (same eventId, new deliveryId) is recognised and applied once.
 */
export const webhookProcessedEvents = pgTable("webhook_processed_events", {
  eventId: text("event_id").primaryKey(),
  deliveryId: bigint("delivery_id", { mode: "number" }).notNull(),
  processedAt: timestamp("processed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * The signals a VEHICLE_ERROR said it affects, so a later successful reading of those signals can
 * close the error (see lib/webhooks/apply-vehicle-state.ts for the rule).
 */
export const vehicleErrorSignals = pgTable(
  "vehicle_error_signals",
  {
    errorId: uuid("error_id")
      .notNull()
      .references(() => vehicleErrors.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
  },
  (table) => [primaryKey({ columns: [table.errorId, table.code] })],
);
