import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { COMMAND_KINDS, COMMAND_STATUSES } from "@/lib/commands/kinds";
import { users } from "./users";
import { connections, vehicles } from "./vehicles";

export const commandKind = pgEnum("command_kind", COMMAND_KINDS);

/**
 * requested → sent → succeeded → confirmed (the car's next reading shows the new state), or failed
 * (Smartcar's error), timed_out (no answer recorded), unconfirmed (accepted, but no reading showed it
 * within the confirmation window; a later reading can still confirm it).
 */
export const commandStatus = pgEnum("command_status", COMMAND_STATUSES);

/** Which Smartcar API carried the command: v3 with the application token, or v2 with the connection's own token. */
export const commandApi = pgEnum("command_api", ["v3", "v2"]);

/** One remote command to one vehicle, from the click to the reading that confirms it. */
export const vehicleCommands = pgTable(
  "vehicle_commands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    kind: commandKind("kind").notNull(),
    /** The charge limit asked for (set_charge_limit only). */
    percent: integer("percent"),
    status: commandStatus("status").notNull().default("requested"),
    api: commandApi("api"),
    /** Chosen by the client per intent: a double click or a retried request finds the same row. */
    idempotencyKey: text("idempotency_key").notNull(),
    /** Commands started together as one bulk action share this id. */
    bulkId: uuid("bulk_id"),
    requestedAt: timestamp("requested_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }),
    completedAt: timestamp("completed_at", { withTimezone: true, precision: 3 }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, precision: 3 }),
    /** Smartcar's command-execution id (v3). */
    executionId: text("execution_id"),
    errorType: text("error_type"),
    errorCode: text("error_code"),
    errorDescription: text("error_description"),
    errorRequestId: text("error_request_id"),
    errorStatusCode: integer("error_status_code"),
    retryAfterSeconds: integer("retry_after_seconds"),
  },
  (table) => [
    uniqueIndex("vehicle_commands_idempotency_uq").on(table.requestedBy, table.idempotencyKey),
    index("vehicle_commands_vehicle_idx").on(table.vehicleId, table.requestedAt),
    index("vehicle_commands_requested_idx").on(table.requestedAt),
    index("vehicle_commands_open_idx")
      .on(table.vehicleId)
      .where(sql`${table.status} in ('requested', 'sent', 'succeeded', 'unconfirmed')`),
  ],
);
