import { ChevronRight, Link2 } from "lucide-react";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import type { OutboxListRow } from "@/lib/reauth/outbox";

const STATUS: Record<OutboxListRow["status"], { label: string; tone: BadgeTone }> = {
  stored: { label: "In outbox only", tone: "neutral" },
  pending: { label: "Sending", tone: "info" },
  sent: { label: "Sent", tone: "good" },
  failed: { label: "Failed", tone: "bad" },
};

function KindBadge({ message }: { message: OutboxListRow }) {
  switch (message.kind) {
    case "reminder":
      return <Badge tone="warn">Reminder</Badge>;
    case "alert":
      return <Badge tone="info">Alert</Badge>;
    case "report":
      return <Badge tone="info">{`Report · ${message.attachments?.length ?? 0} CSV`}</Badge>;
    default:
      return <Badge tone="brand">Reconnect link</Badge>;
  }
}

/** One message: recipient, vehicle and status at a glance; the link to pass on; the full text behind a marked toggle. */
export function OutboxMessageRow({ message }: { message: OutboxListRow }) {
  const status = STATUS[message.status];
  return (
    <li className="px-5 py-4" data-testid="outbox-message">
      <div className="flex flex-col gap-x-4 gap-y-2 sm:flex-row sm:items-start sm:justify-between">
        <dl className="grid min-w-0 flex-1 grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:gap-x-6">
          <dt className="pt-0.5 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">To</dt>
          <dd className="min-w-0 break-words font-medium text-slate-900 [overflow-wrap:anywhere] dark:text-slate-100" data-testid="outbox-recipient">
            {message.toName ? `${message.toName} · ` : null}
            {message.toEmail}
          </dd>
          <dt className="pt-0.5 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Vehicle</dt>
          <dd className="min-w-0 text-slate-700 dark:text-slate-300" data-testid="outbox-vehicle">
            {message.vehicle ? (
              <Link href={`/vehicles/${message.vehicle.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
                {vehicleDisplayName(message.vehicle)}
              </Link>
            ) : (
              "—"
            )}
            {message.campaignName ? <span className="text-slate-600 dark:text-slate-400"> · campaign “{message.campaignName}”</span> : null}
          </dd>
        </dl>
        <div className="flex shrink-0 flex-wrap items-center gap-1.5 sm:flex-col sm:items-end">
          <span className="flex items-center gap-1.5">
            <KindBadge message={message} />
            <Badge tone={status.tone} dot data-testid="outbox-status">
              {status.label}
            </Badge>
          </span>
          <RelativeTime date={message.createdAt} className="text-xs text-slate-600 dark:text-slate-400" />
        </div>
      </div>
      {message.link ? (
        <div className="mt-2 flex min-w-0 items-center gap-2 text-sm">
          <Link2 aria-hidden className="size-4 shrink-0 text-slate-500 dark:text-slate-400" />
          <a href={message.link} className="min-w-0 truncate font-mono text-xs text-brand-700 hover:underline dark:text-brand-100" data-testid="outbox-link">
            {message.link}
          </a>
          <CopyButton text={message.link} label="Copy link" className="shrink-0" />
        </div>
      ) : null}
      {message.lastError ? <p className="mt-2 text-xs text-red-700 dark:text-red-300">Last error: {message.lastError}</p> : null}
      <details className="group mt-2">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-1.5 rounded text-sm font-medium text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white [&::-webkit-details-marker]:hidden">
          <ChevronRight aria-hidden className="size-4 shrink-0 transition-transform group-open:rotate-90" />
          <span className="group-open:hidden">Show message</span>
          <span className="hidden group-open:inline">Hide message</span>
          <span className="basis-full pl-5.5 font-normal text-slate-600 sm:basis-auto sm:pl-0 dark:text-slate-400">{message.subject}</span>
        </summary>
        <pre className="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-sans text-sm text-slate-800 dark:bg-slate-800/50 dark:text-slate-200">{message.text}</pre>
      </details>
    </li>
  );
}
