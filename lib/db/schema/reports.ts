import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const reportFrequency = pgEnum("report_frequency", ["weekly", "monthly"]);
export const reportTrigger = pgEnum("report_trigger", ["scheduled", "manual"]);

/** A fleet report emailed to chosen people every week (Mondays) or month (the 1st), 06:00 UTC. */
export const reportSchedules = pgTable("report_schedules", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  frequency: reportFrequency("frequency").notNull(),
  recipientIds: uuid("recipient_ids").array().notNull().default(sql`'{}'::uuid[]`),
  /** Moved forward by whichever instance claims the run, in the same statement that claims it. */
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }),
  enabled: boolean("enabled").notNull().default(true),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const reportRuns = pgTable(
  "report_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => reportSchedules.id, { onDelete: "cascade" }),
    trigger: reportTrigger("trigger").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    recipients: integer("recipients").notNull(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("report_runs_scheduled_uq").on(table.scheduleId, table.periodStart).where(sql`${table.trigger} = 'scheduled'`),
    index("report_runs_schedule_idx").on(table.scheduleId, table.createdAt),
  ],
);
