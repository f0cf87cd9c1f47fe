import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { listOutbox, type OutboxMessage } from "@/lib/reauth/outbox";

export const metadata: Metadata = { title: "Outbox" };

const STATUS: Record<OutboxMessage["status"], { label: string; tone: BadgeTone }> = {
  stored: { label: "In outbox only", tone: "neutral" },
  pending: { label: "Sending", tone: "info" },
  sent: { label: "Sent", tone: "good" },
  failed: { label: "Failed", tone: "bad" },
};

export default async function OutboxPage() {
  await requireRole("manager");
  const messages = await listOutbox(getDb());
  const smtp = getConfig().mail.smtpUrl !== null;
  return (
    <>
      <PageHeader
        title="Outbox"
        description={
          smtp
            ? "Every message Fleetdeck sent to owners: reconnect links and reminders, with their delivery status."
            : "Every message Fleetdeck wrote to owners. No mail server is configured (SMTP_URL), so messages stay here: copy a link to pass it on."
        }
      />
      <Card>
        <CardHeader title="Messages" description={`${messages.length} most recent`} />
        {messages.length === 0 ? (
          <EmptyState icon={Inbox} title="No messages yet" description="Reconnect links and campaign reminders appear here." />
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="outbox-list">
            {messages.map((message) => (
              <li key={message.id} className="px-5 py-3" data-testid="outbox-message">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                    <span className="font-medium text-slate-900 dark:text-slate-100">{message.subject}</span>
                    <span className="text-slate-600 dark:text-slate-400">to {message.toEmail}</span>
                    <Badge tone={STATUS[message.status].tone}>{STATUS[message.status].label}</Badge>
                    {message.kind === "reminder" ? <Badge tone="warn">Reminder</Badge> : null}
                    {message.kind === "alert" || message.kind === "report" ? <Badge tone="info">{message.kind === "alert" ? "Alert" : `Report · ${message.attachments?.length ?? 0} CSV`}</Badge> : null}
                    <span className="ml-auto text-xs text-slate-500">
                      <RelativeTime date={message.createdAt} />
                    </span>
                  </summary>
                  <pre className="mt-3 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-sans text-sm text-slate-800 dark:bg-slate-800/50 dark:text-slate-200">{message.text}</pre>
                  {message.lastError ? <p className="mt-2 text-xs text-red-700 dark:text-red-300">Last error: {message.lastError}</p> : null}
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
