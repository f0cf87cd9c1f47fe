"use client";

import { useLiveConnection, type LiveConnection } from "@/components/live/live-updates";
import { cn } from "@/lib/cn";

const STATES: Record<LiveConnection, { label: string; hint: string; dot: string }> = {
  connecting: { label: "Connecting…", hint: "Opening the live update stream.", dot: "bg-slate-400" },
  live: { label: "Live", hint: "Pages update as Smartcar reports changes.", dot: "bg-emerald-500" },
  reconnecting: { label: "Reconnecting…", hint: "The live update stream dropped; retrying. What you see may be out of date.", dot: "bg-amber-500 animate-pulse" },
  offline: { label: "Offline", hint: "No live updates: the browser is offline or the server did not answer. Retrying.", dot: "bg-red-500" },
};

/** The live feed's state, in the shell: whether what the page shows still follows the fleet. */
export function LiveStatus({ compact = false }: { compact?: boolean }) {
  const connection = useLiveConnection();
  const state = STATES[connection];
  return (
    <span role="status" title={state.hint} data-testid="live-status" data-state={connection} className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300">
      <span aria-hidden className={cn("size-2 shrink-0 rounded-full", state.dot)} />
      <span className={cn(compact && "sr-only")}>{state.label}</span>
    </span>
  );
}
