import { BellOff } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { MarkReadButton } from "@/components/notifications/mark-read-button";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRefresh } from "@/components/live/live-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { listNotifications, unreadNotificationCount } from "@/lib/alerts/notifications";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { cn } from "@/lib/cn";

export const metadata: Metadata = { title: "Notifications" };

const SEVERITY = { info: { tone: "info", label: "Info" }, warning: { tone: "warn", label: "Warning" }, critical: { tone: "bad", label: "Critical" } } as const;

/** The signed-in user's own alerts, newest first; unread ones marked. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const params = await searchParams;
  const unreadOnly = params.unread === "1";
  const beforeText = typeof params.before === "string" ? params.before : undefined;
  const before = beforeText && !Number.isNaN(Date.parse(beforeText)) ? new Date(beforeText) : undefined;
  const db = getDb();
  const [unread, page] = await Promise.all([unreadNotificationCount(db, user.id), listNotifications(db, user.id, { unreadOnly, before })]);
  const last = page.rows[page.rows.length - 1];
  const tab = (active: boolean) =>
    cn("rounded-md px-3 py-1.5 text-sm font-medium", active ? "bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100" : "text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800");
  return (
    <>
      <LiveRefresh kinds={["notification"]} batchMs={2_000} />
      <PageHeader
        title="Notifications"
        description="Alerts from the rules you follow: low batteries, finished or interrupted charging, vehicles that need reconnecting, Smartcar errors, failed commands."
        actions={
          <>
            {user.role !== "viewer" ? (
              <ButtonLink href="/alerts" variant="ghost">
                Alert rules
              </ButtonLink>
            ) : null}
            {unread > 0 ? <MarkReadButton label="Mark all read" /> : null}
          </>
        }
      />
      <nav aria-label="Notification filter" className="mb-4 flex gap-2">
        <Link href="/notifications" className={tab(!unreadOnly)} aria-current={!unreadOnly ? "page" : undefined}>
          All
        </Link>
        <Link href="/notifications?unread=1" className={tab(unreadOnly)} aria-current={unreadOnly ? "page" : undefined}>
          Unread ({unread})
        </Link>
      </nav>
      <Card>
        {page.rows.length === 0 ? (
          <EmptyState
            icon={BellOff}
            title={unreadOnly ? "Nothing unread" : "No notifications yet"}
            description={user.role === "viewer" ? "Managers can add you to alert rules." : "Create an alert rule and its alerts arrive here, live."}
          />
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="notification-list">
            {page.rows.map((notification) => (
              <li key={notification.id} className={cn("flex gap-3 px-5 py-3", notification.readAt ? "" : "bg-brand-50/40 dark:bg-brand-500/5")} data-testid="notification" data-read={notification.readAt ? "yes" : "no"}>
                <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", notification.readAt ? "bg-transparent" : "bg-brand-600")} />
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <p className="font-medium text-slate-900 dark:text-slate-100">{notification.title}</p>
                    <Badge tone={SEVERITY[notification.severity].tone}>{SEVERITY[notification.severity].label}</Badge>
                    {notification.readAt ? null : <span className="sr-only">Unread.</span>}
                  </div>
                  <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-300">{notification.message}</p>
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                    <RelativeTime date={notification.createdAt} />
                    {notification.vehicleId ? (
                      <>
                        {" · "}
                        <Link href={`/vehicles/${notification.vehicleId}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
                          {notification.vehicleName ?? "Vehicle"}
                        </Link>
                      </>
                    ) : null}
                  </p>
                </div>
                {notification.readAt ? null : <MarkReadButton ids={[notification.id]} label="Mark read" />}
              </li>
            ))}
          </ul>
        )}
        {page.hasMore && last ? (
          <div className="border-t border-slate-200 px-5 py-3 text-right dark:border-slate-800">
            <Link href={`/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: "1" } : {}), before: last.createdAt })}`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
              Older notifications
            </Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}
