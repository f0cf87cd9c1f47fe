import { FileBarChart } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AlertsTabs } from "@/components/notifications/alerts-tabs";
import { ReportScheduleForm } from "@/components/notifications/report-schedule-form";
import { ActionButton } from "@/components/ui/action-button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { listSchedules, reportRecipientsChoice } from "@/lib/reports/run";
import { deleteScheduleAction, sendReportNowAction } from "./actions";

export const metadata: Metadata = { title: "Scheduled reports" };

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Managers: weekly and monthly fleet reports by email (HTML with CSV attachments), "Send now" to try one. */
export default async function ReportsPage() {
  const user = await requireRole("manager");
  const db = getDb();
  const [schedules, people] = await Promise.all([listSchedules(db), reportRecipientsChoice(db)]);
  const smtp = getConfig().mail.smtpUrl !== null;
  return (
    <>
      <PageHeader
        title="Alerts"
        description={`Fleet reports by email: vehicles and their status, distance, errors opened and closed, reconnects pending, alerts and webhook health, with the CSVs attached. ${smtp ? "Sent through SMTP." : "No mail server is configured (SMTP_URL), so reports wait in the Outbox."}`}
      />
      <AlertsTabs current="/reports" role={user.role} />
      <div className="grid gap-6">
        <Card>
          <CardHeader title="Scheduled reports" />
          {schedules.length === 0 ? (
            <EmptyState icon={FileBarChart} title="No reports scheduled" description="Schedule one below; “Send now” shows what it will look like." />
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="report-schedules">
              {schedules.map((schedule) => (
                <li key={schedule.id} className="px-5 py-3" data-testid="report-schedule">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
                    <div className="min-w-0 flex-1">
                      <p className="font-medium text-slate-900 dark:text-slate-100">{schedule.name}</p>
                      <p className="text-sm text-slate-600 dark:text-slate-400">
                        {schedule.frequency === "weekly" ? "Weekly" : "Monthly"} to {schedule.recipientIds.length} {schedule.recipientIds.length === 1 ? "person" : "people"} · next <RelativeTime date={schedule.nextRunAt} />
                      </p>
                    </div>
                    <ActionButton action={sendReportNowAction} fields={{ scheduleId: schedule.id }} label="Send now" ariaLabel={`Send now: ${schedule.name}`} tone="secondary" />
                    <ActionButton action={deleteScheduleAction} fields={{ scheduleId: schedule.id }} label="Delete" ariaLabel={`Delete report ${schedule.name}`} tone="danger" />
                  </div>
                  {schedule.runs.length > 0 ? (
                    <ul className="mt-2 space-y-0.5 text-xs text-slate-500 dark:text-slate-400" data-testid="report-runs">
                      {schedule.runs.map((run) => (
                        <li key={run.id}>
                          {run.trigger === "manual" ? "Sent now" : "Scheduled"}: {day(run.periodStart)} – {day(run.periodEnd)} to {run.recipients} {run.recipients === 1 ? "recipient" : "recipients"} · <RelativeTime date={run.createdAt} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="border-t border-slate-200 px-5 py-3 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
            Sent reports are listed in the <Link href="/outbox" className="font-medium text-brand-700 hover:underline dark:text-brand-300">Outbox</Link>.
          </p>
        </Card>
        <Card>
          <CardHeader title="New report" />
          <ReportScheduleForm people={people} />
        </Card>
      </div>
    </>
  );
}
