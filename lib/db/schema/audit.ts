import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditActorType = pgEnum("audit_actor_type", ["user", "system", "anonymous"]);
export const auditOutcome = pgEnum("audit_outcome", ["success", "failure", "denied"]);

/**
 * Who did what, to what, when, from where, and with what result. Append-only: the application has no
 * update or delete path, and a trigger (appended to the generated migration) refuses UPDATE, and
 * DELETE except for the retention job. No foreign keys on purpose: a removed user or vehicle keeps
 * its history, with the email and name as they were.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    actorType: auditActorType("actor_type").notNull(),
    actorId: uuid("actor_id"),
    /** The email at the time (also for failed sign-ins, where it is what was typed). */
    actorLabel: text("actor_label"),
    /** Dotted verb, e.g. `command.request`, `auth.sign_in_failed`, `invitation.create`. */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    /** Set when the entry concerns one vehicle, for its activity section. */
    vehicleId: uuid("vehicle_id"),
    outcome: auditOutcome("outcome").notNull().default("success"),
    clientAddress: text("client_address"),
    /** Before/after values and anything else worth keeping; never secrets. */
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (table) => [
    index("audit_log_at_idx").on(table.at),
    index("audit_log_actor_idx").on(table.actorId, table.at),
    index("audit_log_vehicle_idx").on(table.vehicleId, table.at),
    index("audit_log_action_idx").on(table.action, table.at),
  ],
);
