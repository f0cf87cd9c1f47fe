"use client";

import { useQuery } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { cn } from "@/lib/cn";

async function fetchUnread(signal: AbortSignal): Promise<number> {
  const response = await fetch("/api/notifications?limit=1", { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { unread: number }).unread;
}

/**
 * The bell: its accessible name is always "Notifications" (the unread count is its description),
 * the count follows live notices through the ["notifications"] query key.
 */
export function NotificationsBell({ className }: { className?: string }) {
  const descriptionId = useId();
  const unread = useQuery({ queryKey: ["notifications", "unread"], queryFn: ({ signal }) => fetchUnread(signal), refetchInterval: 60_000 });
  const count = unread.data ?? 0;
  return (
    <Link
      href="/notifications"
      aria-label="Notifications"
      aria-describedby={descriptionId}
      className={cn("relative inline-flex size-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white", className)}
      data-testid="notifications-bell"
    >
      <Bell aria-hidden className="size-5" />
      {count > 0 ? (
        <span aria-hidden className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white" data-testid="notifications-unread">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
      <span id={descriptionId} className="sr-only">
        {count === 0 ? "No unread notifications" : `${count} unread`}
      </span>
    </Link>
  );
}
