import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { vehicles } from "./vehicles";

export const connectPurpose = pgEnum("connect_purpose", ["connect", "reauthenticate"]);

/**
 * One trip through Smartcar Connect. Only a hash of `state` is stored; the row is bound to the user
 * who started it, expires quickly and is consumed by the first callback that presents it.
 */
export const connectAttempts = pgTable(
  "connect_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stateHash: text("state_hash").notNull().unique(),
    purpose: connectPurpose("purpose").notNull(),
    startedBy: uuid("started_by").references(() => users.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vehicleId: uuid("vehicle_id").references(() => vehicles.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    outcome: text("outcome"),
  },
  (table) => [index("connect_attempts_owner_idx").on(table.ownerId, table.createdAt)],
);
