import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { connections } from "./vehicles";

/**
 * Legacy v2 per-vehicle tokens, encrypted at rest (AES-256-GCM). `version` increases with every
 * rotation so a refresh can retire the pair it read in the same transaction that stores the new one.
 */
export const vehicleTokens = pgTable("vehicle_tokens", {
  connectionId: uuid("connection_id")
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  accessTokenEncrypted: text("access_token_encrypted").notNull(),
  refreshTokenEncrypted: text("refresh_token_encrypted").notNull(),
  keyId: text("key_id").notNull(),
  accessExpiresAt: timestamp("access_expires_at", { withTimezone: true }).notNull(),
  refreshExpiresAt: timestamp("refresh_expires_at", { withTimezone: true }).notNull(),
  version: integer("version").notNull().default(1),
  rotatedAt: timestamp("rotated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Optional shared cache of the v3 application token, so several instances request one token, not one each. */
export const applicationTokens = pgTable("application_tokens", {
  clientId: text("client_id").primaryKey(),
  accessTokenEncrypted: text("access_token_encrypted").notNull(),
  keyId: text("key_id").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
