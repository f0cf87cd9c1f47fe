import "server-only";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, SYSTEM, userActor, type AuditActor } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-user";
import { getConfig } from "@/lib/config";
import type { Database } from "@/lib/db";
import { reportRuns, reportSchedules, users } from "@/lib/db/schema";
import { getMailer } from "@/lib/reauth/mailer";
import { enqueueMessage } from "@/lib/reauth/outbox";
import { buildFleetReport, reportCsvs, reportEmail } from "./build";
import { nextRunAfter, reportPeriod, type ReportFrequency } from "./period";

/**
 * Report schedules (managers) and their runs. A due run is claimed with `FOR UPDATE SKIP LOCKED` on
 * its schedule and recorded under a unique (schedule, period) key in the same transaction that moves
 * the schedule forward, so several instances send it once; a schedule missed while no instance ran
 * sends its latest due report once at the next start, not every missed one.
 */

export type ReportSchedule = typeof reportSchedules.$inferSelect;

export const scheduleInputSchema = z.object({
  name: z.string().trim().min(1, "Give the report a name.").max(120, "Keep the name under 120 characters."),
  frequency: z.enum(["weekly", "monthly"], { error: "Choose weekly or monthly." }),
  recipientIds: z.array(z.uuid("Unknown person.")).min(1, "Choose at least one recipient.").max(50, "Choose at most 50 recipients."),
});

/** People who may receive the whole fleet's report: managers and viewers (owners see only their own cars). */
export async function reportRecipientsChoice(db: Database) {
  return db.select({ id: users.id, email: users.email, name: users.name, role: users.role }).from(users).where(inArray(users.role, ["manager", "viewer"])).orderBy(users.email);
}

export async function createSchedule(db: Database, user: SessionUser, input: z.infer<typeof scheduleInputSchema>, now = new Date()): Promise<{ ok: true; schedule: ReportSchedule } | { ok: false; message: string }> {
  const allowed = new Set((await reportRecipientsChoice(db)).map((person) => person.id));
  if (!input.recipientIds.every((id) => allowed.has(id))) return { ok: false, message: "Reports go to managers and viewers only." };
  const [schedule] = await db
    .insert(reportSchedules)
    .values({ name: input.name, frequency: input.frequency, recipientIds: [...new Set(input.recipientIds)], nextRunAt: nextRunAfter(input.frequency, now), createdBy: user.id })
    .returning();
  return { ok: true, schedule: schedule! };
}

export async function listSchedules(db: Database) {
  const schedules = await db.select().from(reportSchedules).orderBy(desc(reportSchedules.createdAt));
  const runs = schedules.length
    ? await db.select().from(reportRuns).where(inArray(reportRuns.scheduleId, schedules.map((schedule) => schedule.id))).orderBy(desc(reportRuns.createdAt)).limit(200)
    : [];
  return schedules.map((schedule) => ({ ...schedule, runs: runs.filter((run) => run.scheduleId === schedule.id).slice(0, 5) }));
}

export async function deleteSchedule(db: Database, scheduleId: string): Promise<ReportSchedule | null> {
  if (!z.uuid().safeParse(scheduleId).success) return null;
  const [removed] = await db.delete(reportSchedules).where(eq(reportSchedules.id, scheduleId)).returning();
  return removed ?? null;
}

async function sendReport(db: Database, schedule: ReportSchedule, period: { start: Date; end: Date }, actor: AuditActor, trigger: "scheduled" | "manual"): Promise<number> {
  const recipients = await db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, schedule.recipientIds), inArray(users.role, ["manager", "viewer"])));
  const report = await buildFleetReport(db, period);
  const email = reportEmail(report, { name: schedule.name, appUrl: getConfig().appUrl });
  const attachments = reportCsvs(report);
  const mailerConfigured = getMailer() !== null;
  for (const recipient of recipients) {
    await enqueueMessage(db, { kind: "report", toEmail: recipient.email, toUserId: recipient.id, subject: email.subject, text: email.text, html: email.html, attachments }, mailerConfigured);
  }
  await recordAudit(db, {
    action: "report.send",
    actor,
    target: { type: "report_schedule", id: schedule.id, label: schedule.name },
    details: { trigger, periodStart: period.start.toISOString(), periodEnd: period.end.toISOString(), recipients: recipients.length, vehicles: report.vehicles.length },
  });
  return recipients.length;
}

/** The latest scheduled run time not after `now` (catching up once after downtime). */
function latestDue(frequency: ReportFrequency, scheduledAt: Date, now: Date): Date {
  let due = scheduledAt;
  for (let next = nextRunAfter(frequency, due); next <= now; next = nextRunAfter(frequency, next)) due = next;
  return due;
}

/** Sends every due scheduled report once; returns how many runs this call made. */
export async function runDueReports(db: Database, now = new Date()): Promise<number> {
  let ran = 0;
  for (let guard = 0; guard < 20; guard += 1) {
    const done = await db.transaction(async (tx) => {
      const [schedule] = await tx
        .select()
        .from(reportSchedules)
        .where(and(eq(reportSchedules.enabled, true), lte(reportSchedules.nextRunAt, now)))
        .orderBy(reportSchedules.nextRunAt)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!schedule) return false;
      const runAt = latestDue(schedule.frequency, schedule.nextRunAt, now);
      const period = reportPeriod(schedule.frequency, runAt, "scheduled");
      const [run] = await tx
        .insert(reportRuns)
        .values({ scheduleId: schedule.id, trigger: "scheduled", periodStart: period.start, periodEnd: period.end, recipients: 0 })
        .onConflictDoNothing()
        .returning({ id: reportRuns.id });
      if (run) {
        const recipients = await sendReport(tx, schedule, period, SYSTEM, "scheduled");
        await tx.update(reportRuns).set({ recipients }).where(eq(reportRuns.id, run.id));
      }
      await tx.update(reportSchedules).set({ nextRunAt: nextRunAfter(schedule.frequency, runAt), lastRunAt: sql`now()` }).where(eq(reportSchedules.id, schedule.id));
      return true;
    });
    if (!done) break;
    ran += 1;
  }
  return ran;
}

/** "Send now": the report up to now, to the schedule's recipients, outside the schedule. */
export async function sendReportNow(db: Database, user: SessionUser, scheduleId: string, now = new Date()): Promise<{ recipients: number } | null> {
  if (!z.uuid().safeParse(scheduleId).success) return null;
  const [schedule] = await db.select().from(reportSchedules).where(eq(reportSchedules.id, scheduleId));
  if (!schedule) return null;
  const period = reportPeriod(schedule.frequency, now, "manual");
  const recipients = await sendReport(db, schedule, period, userActor(user), "manual");
  await db.insert(reportRuns).values({ scheduleId, trigger: "manual", periodStart: period.start, periodEnd: period.end, recipients, requestedBy: user.id });
  return { recipients };
}
