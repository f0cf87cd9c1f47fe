import { bigserial, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { userRole, users } from "./users";

/**
 * Failed sign-ins, one row each, keyed by subject (`account:<email>` or `ip:<address>`). Kept in the
 * database rather than in memory so every instance behind a load balancer counts the same attempts.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    subject: text("subject").notNull(),
    failedAt: timestamp("failed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index("sign_in_failures_subject_idx").on(table.subject, table.failedAt),
    index("sign_in_failures_failed_at_idx").on(table.failedAt),
  ],
);

/**
 * Invitations by link. Only the SHA-256 of the token is stored, so a leaked database row cannot be
 * turned back into a working link; `acceptedAt` makes each link single-use.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    role: userRole("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedUserId: uuid("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("invitations_created_idx").on(table.createdAt)],
);
