import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { vehicles } from "./vehicles";

export const errorState = pgEnum("vehicle_error_state", ["open", "resolved", "acknowledged"]);
export const errorSource = pgEnum("vehicle_error_source", ["webhook", "api"]);

/** One open record per vehicle, type and code; refreshed while it recurs, closed when its cause clears. */
export const vehicleErrors = pgTable(
  "vehicle_errors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vehicleId: uuid("vehicle_id").references(() => vehicles.id, { onDelete: "cascade" }),
    smartcarVehicleId: text("smartcar_vehicle_id").notNull(),
    type: text("type").notNull(),
    code: text("code"),
    state: errorState("state").notNull().default("open"),
    source: errorSource("source").notNull(),
    description: text("description"),
    suggestedUserMessage: text("suggested_user_message"),
    docUrl: text("doc_url"),
    resolutionType: text("resolution_type"),
    resolutionUrl: text("resolution_url"),
    statusCode: integer("status_code"),
    retryAt: timestamp("retry_at", { withTimezone: true }),
    occurrences: integer("occurrences").notNull().default(1),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
  },
  (table) => [
    uniqueIndex("vehicle_errors_open_uq")
      .on(table.smartcarVehicleId, table.type, sql`coalesce(${table.code}, '')`)
      .where(sql`${table.state} = 'open'`),
    index("vehicle_errors_state_idx").on(table.state, table.lastSeenAt),
  ],
);
