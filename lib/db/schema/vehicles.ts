import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { smartcarUsers, users } from "./users";

export const vehicleMode = pgEnum("vehicle_mode", ["live", "simulated"]);
export const connectionStatus = pgEnum("connection_status", ["active", "needs_reauth", "revoked"]);
export const connectionAuth = pgEnum("connection_auth", ["v3_app_token", "v2_vehicle_token"]);

/**
 * The sort key of the name a vehicle is shown under (`vehicleDisplayName`: its nickname, else
 * "2023 Tesla Model 3"), lower-cased and in byte order so PGlite and PostgreSQL sort alike. The list
 * query orders by this same expression, which lets the planner walk the index below.
 */
export function vehicleDisplayNameKey(columns: { nickname: AnyPgColumn; year: AnyPgColumn; make: AnyPgColumn; model: AnyPgColumn }): SQL {
  return sql`(lower(coalesce(nullif(btrim(${columns.nickname}), ''), ${columns.year}::text || ' ' || ${columns.make} || ' ' || ${columns.model})) collate "C")`;
}

export const vehicles = pgTable(
  "vehicles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    smartcarVehicleId: text("smartcar_vehicle_id").notNull().unique(),
    make: text("make").notNull(),
    model: text("model").notNull(),
    year: integer("year").notNull(),
    vin: text("vin"),
    powertrainType: text("powertrain_type"),
    mode: vehicleMode("mode").notNull().default("live"),
    nickname: text("nickname"),
    /** Entered by a manager; Smartcar does not provide it. */
    licensePlate: text("license_plate"),
    /** A manager's free-text label (depot, team, cost centre…), searchable like the name. */
    fleetLabel: text("fleet_label"),
    lastSignalAt: timestamp("last_signal_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("vehicles_make_idx").on(table.make),
    index("vehicles_vin_idx").on(table.vin),
    index("vehicles_display_name_idx").on(vehicleDisplayNameKey(table), table.id),
  ],
);

/** One row per (vehicle, Smartcar user): a vehicle connected by two owners is one vehicle with two connections. */
export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
    smartcarUserId: text("smartcar_user_id")
      .notNull()
      .references(() => smartcarUsers.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    auth: connectionAuth("auth").notNull().default("v3_app_token"),
    status: connectionStatus("status").notNull().default("active"),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
    lastReconnectedAt: timestamp("last_reconnected_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("connections_vehicle_user_uq").on(table.vehicleId, table.smartcarUserId),
    index("connections_owner_idx").on(table.ownerId),
  ],
);

/** Latest value of every signal a vehicle reported, replaced only by a newer `oemUpdatedAt`. */
export const vehicleSignals = pgTable(
  "vehicle_signals",
  {
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    group: text("group").notNull(),
    body: jsonb("body"),
    status: text("status").notNull().default("SUCCESS"),
    error: jsonb("error"),
    oemUpdatedAt: timestamp("oem_updated_at", { withTimezone: true, precision: 3 }),
    retrievedAt: timestamp("retrieved_at", { withTimezone: true, precision: 3 }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.vehicleId, table.code] })],
);

/** Every distinct reading, for history charts and exports. */
export const signalHistory = pgTable(
  "signal_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    body: jsonb("body"),
    oemUpdatedAt: timestamp("oem_updated_at", { withTimezone: true, precision: 3 }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    isFromWebhook: boolean("is_from_webhook").notNull().default(true),
  },
  (table) => [uniqueIndex("signal_history_reading_uq").on(table.vehicleId, table.code, table.oemUpdatedAt)],
);
