import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAuditFilters } from "@/lib/audit/filters";
import { auditCsvStream, listAuditEntries, vehicleActivity } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record";
import { applyAuditRetention } from "@/lib/audit/retention";
import { openDatabase, type Database, type DatabaseHandle } from "@/lib/db/client";
import { auditLog, outboxMessages, reportRuns, reportSchedules, users, vehicles } from "@/lib/db/schema";
import { deliverPendingMessages, enqueueMessage, type Mailer } from "@/lib/reauth/outbox";
import { createSchedule, runDueReports, sendReportNow } from "@/lib/reports/run";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";

describe.each(DATABASE_KINDS)("audit log, reports and the outbox on %s", (kind) => {
  let database: TestDatabase;
  let db: Database;
  let second: DatabaseHandle | null;
  let manager: { id: string; email: string; name: null; role: "manager" };
  let viewer: { id: string; email: string };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
    second = database.handle.kind === "postgres" ? openDatabase({ kind: "postgres", url: String(database.handle.pool.options.connectionString) }) : null;
    const [managerRow] = await db.insert(users).values({ email: "ops-manager@example.com", role: "manager" }).returning();
    const [viewerRow] = await db.insert(users).values({ email: "ops-viewer@example.com", role: "viewer" }).returning();
    manager = { id: managerRow!.id, email: managerRow!.email, name: null, role: "manager" };
    viewer = { id: viewerRow!.id, email: viewerRow!.email };
  });

  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  it("appends audit entries that cannot be changed or deleted, except by the retention job", async () => {
    const [vehicle] = await db.insert(vehicles).values({ smartcarVehicleId: "audit-car", make: "TESLA", model: "Model 3", year: 2023 }).returning();
    await recordAudit(db, [
      { action: "command.request", actor: { type: "user", id: manager.id, label: manager.email }, vehicleId: vehicle!.id, target: { type: "command", label: "Unlock" }, clientAddress: "203.0.113.9" },
      { action: "auth.sign_in_failed", actor: { type: "anonymous", label: "nobody@example.com" }, outcome: "failure", clientAddress: "198.51.100.7" },
    ]);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "command.request"));
    await expect(db.update(auditLog).set({ action: "auth.sign_in" }).where(eq(auditLog.id, entry!.id))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, entry!.id))).rejects.toThrow();
    expect(await vehicleActivity(db, vehicle!.id)).toHaveLength(1);

    const filters = parseAuditFilters({ action: "auth.", outcome: "failure" });
    if (!filters.success) throw new Error("filters");
    expect((await listAuditEntries(db, filters.data)).rows.map((row) => row.actorLabel)).toEqual(["nobody@example.com"]);
    expect(parseAuditFilters({ action: "nope" }).success).toBe(false);
    expect(parseAuditFilters({ from: "2026-02-30" }).success).toBe(false);
    expect(parseAuditFilters({ from: "2026-03-02", to: "2026-03-01" }).success).toBe(false);

    const csv = await new Response(auditCsvStream(db, { actor: "ops-manager" })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,time,actor_type,actor,action/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("command.request");

    // Retention removes only what is older than the setting, and says so in the log itself.
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(await applyAuditRetention(db, 0, later)).toBe(0);
    const removed = await applyAuditRetention(db, 365, later);
    expect(removed).toBeGreaterThanOrEqual(2);
    const left = await db.select().from(auditLog);
    expect(left.map((row) => row.action)).toEqual(["audit.retention"]);
  });

  it("runs a due scheduled report once with two instances, with the HTML email and CSVs in the outbox, and moves the schedule on", async () => {
    const created = await createSchedule(db, manager, { name: "Weekly fleet", frequency: "weekly", recipientIds: [manager.id, viewer.id] }, new Date("2026-11-20T12:00:00Z"));
    if (!created.ok) throw new Error(created.message);
    expect(created.schedule.nextRunAt.toISOString()).toBe("2026-11-23T06:00:00.000Z");
    // The instances were down for two weeks: one report (the latest due), not three.
    const now = new Date("2026-12-08T09:00:00Z");
    const runs = await Promise.all([runDueReports(db, now), runDueReports(second?.db ?? db, now)]);
    expect(runs.reduce((sum, count) => sum + count, 0)).toBe(1);
    const [run] = await db.select().from(reportRuns).where(eq(reportRuns.scheduleId, created.schedule.id));
    expect(run).toMatchObject({ trigger: "scheduled", recipients: 2 });
    expect(run!.periodEnd.toISOString()).toBe("2026-12-07T06:00:00.000Z");
    const [schedule] = await db.select().from(reportSchedules).where(eq(reportSchedules.id, created.schedule.id));
    expect(schedule!.nextRunAt.toISOString()).toBe("2026-12-14T06:00:00.000Z");
    const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, "report"));
    expect(mails.map((mail) => mail.toEmail).sort()).toEqual([manager.email, viewer.email].sort());
    expect(mails[0]!.html).toContain("<table");
    expect(mails[0]!.attachments!.map((file) => file.filename)).toEqual([
      expect.stringMatching(/^fleetdeck-vehicles-/),
      expect.stringMatching(/^fleetdeck-errors-/),
      expect.stringMatching(/^fleetdeck-alerts-/),
    ]);
    expect(await runDueReports(db, now)).toBe(0);

    expect(await sendReportNow(db, manager, created.schedule.id, now)).toEqual({ recipients: 2 });
    expect(await createSchedule(db, manager, { name: "To an owner", frequency: "monthly", recipientIds: [manager.id, "00000000-0000-4000-8000-000000000000"] })).toMatchObject({ ok: false });
  });

  it("sends each outbox message once from two instances, and keeps retrying while the mail server is down", async () => {
    await db.delete(outboxMessages);
    for (let index = 0; index < 6; index += 1) {
      await enqueueMessage(db, { kind: "alert", toEmail: `person${index}@example.com`, subject: "Alert", text: "Battery low", html: "<p>Battery low</p>" }, true);
    }
    const sent: string[] = [];
    const slow: Mailer = { send: async (message) => void (await new Promise((resolve) => setTimeout(resolve, 5)), sent.push(message.to)) };
    await Promise.all([deliverPendingMessages(db, slow), deliverPendingMessages(second?.db ?? db, slow)]);
    expect(sent.sort()).toEqual(Array.from({ length: 6 }, (_, index) => `person${index}@example.com`).sort());

    const down: Mailer = { send: () => Promise.reject(new Error("ECONNREFUSED 127.0.0.1:587")) };
    const [message] = await db.select().from(outboxMessages).limit(1);
    await db.update(outboxMessages).set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()` }).where(eq(outboxMessages.id, message!.id));
    await deliverPendingMessages(db, down);
    await deliverPendingMessages(db, down);
    let [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, message!.id));
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastError: "ECONNREFUSED 127.0.0.1:587" });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Due again later: delivered, nothing lost.
    await db.update(outboxMessages).set({ nextAttemptAt: sql`now()` }).where(eq(outboxMessages.id, message!.id));
    await deliverPendingMessages(db, slow);
    [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, message!.id));
    expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: null });
  });
});
