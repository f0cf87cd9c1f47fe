import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The emulator's own state, in `sim_` tables beside the app's (same database, separate migrations in
 * drizzle/simulator). Nothing outside lib/simulator reads or writes these.
 */

/** An OEM account as Smartcar knows it: the Smartcar user id is what Connect returns as `user_id`. */
export const simUsers = pgTable("sim_users", {
  id: text("id").primaryKey(),
  email: text("email").notNull(),
  make: text("make").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [index("sim_users_email_idx").on(table.email, table.make)]);

export const simVehicles = pgTable("sim_vehicles", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull(),
  vin: text("vin").notNull(),
  make: text("make").notNull(),
  model: text("model").notNull(),
  year: integer("year").notNull(),
  powertrainType: text("powertrain_type").notNull(),
  nickname: text("nickname").notNull(),
  /** The simulated car's physical state (see lib/simulator/world.ts `VehicleState`). */
  state: jsonb("state").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [index("sim_vehicles_owner_idx").on(table.ownerId)]);

export const simConnections = pgTable("sim_connections", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull(),
  vehicleId: text("vehicle_id").notNull(),
  permissions: jsonb("permissions").$type<string[]>().notNull(),
  mode: text("mode").notNull().default("simulated"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [index("sim_connections_user_idx").on(table.userId), index("sim_connections_vehicle_idx").on(table.vehicleId)]);

/** Authorization codes (10 min) and Connect sessions in progress. */
export const simAuthCodes = pgTable("sim_auth_codes", {
  code: text("code").primaryKey(),
  userId: text("user_id").notNull(),
  vehicleIds: jsonb("vehicle_ids").$type<string[]>().notNull(),
  permissions: jsonb("permissions").$type<string[]>().notNull(),
  redirectUri: text("redirect_uri").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Every token the emulator issued, by SHA-256 of its value (the value itself is never stored). */
export const simTokens = pgTable("sim_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  kind: text("kind").$type<"application" | "access" | "refresh">().notNull(),
  userId: text("user_id"),
  vehicleIds: jsonb("vehicle_ids").$type<string[]>(),
  permissions: jsonb("permissions").$type<string[]>(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Errors injected on a vehicle or a whole make: every API call for those vehicles fails with them. */
export const simInjectedErrors = pgTable("sim_injected_errors", {
  /** `vehicle` or `make`; `reauthenticated` marks a car that re-authenticated past the make-wide error. */
  scope: text("scope").$type<"vehicle" | "make" | "reauthenticated">().notNull(),
  target: text("target").notNull(),
  type: text("type").notNull(),
  code: text("code"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [primaryKey({ columns: [table.scope, table.target] })]);

/** Single row (id = 1): the simulated clock, the webhook configuration and the presenter's toggles. */
export const simSettings = pgTable("sim_settings", {
  id: integer("id").primaryKey(),
  clockOffsetMs: bigint("clock_offset_ms", { mode: "number" }).notNull().default(0),
  /** Simulated time (epoch ms) up to which the world has been stepped. */
  steppedUntilMs: bigint("stepped_until_ms", { mode: "number" }).notNull(),
  webhookId: text("webhook_id").notNull(),
  webhookName: text("webhook_name").notNull(),
  callbackUrl: text("callback_url"),
  verifiedUrl: text("verified_url"),
  verifyAttempts: integer("verify_attempts").notNull().default(0),
  nextVerifyAt: timestamp("next_verify_at", { withTimezone: true }),
  triggers: jsonb("triggers").$type<string[]>().notNull(),
  signals: jsonb("signals").$type<string[]>().notNull(),
  duplicates: boolean("duplicates").notNull().default(false),
  reordering: boolean("reordering").notNull().default(false),
  seededAt: timestamp("seeded_at", { withTimezone: true }),
});

/** The webhook outbox: one row per event, retried on the documented schedule. */
export const simDeliveries = pgTable("sim_deliveries", {
  eventId: text("event_id").primaryKey(),
  eventType: text("event_type").notNull(),
  vehicleId: text("vehicle_id"),
  /** `meta.mode` of the event: the connection's mode in upper case (LIVE or SIMULATED). */
  mode: text("mode").notNull().default("LIVE"),
  /** The event without its per-attempt `meta`, as JSON text so key order is kept. */
  envelope: text("envelope").notNull(),
  attempts: integer("attempts").notNull().default(0),
  status: text("status").$type<"pending" | "delivered" | "dropped">().notNull().default("pending"),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
  lastResult: text("last_result"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [index("sim_deliveries_due_idx").on(table.status, table.nextAttemptAt)]);
