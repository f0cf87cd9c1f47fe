import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import { OutboxMessageRow } from "@/components/outbox/outbox-message-row";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { listOutbox } from "@/lib/reauth/outbox";

export const metadata: Metadata = { title: "Outbox" };

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
              <OutboxMessageRow key={message.id} message={message} />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
