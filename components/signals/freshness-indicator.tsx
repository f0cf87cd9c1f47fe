import { cn } from "@/lib/cn";
import type { SignalFreshness } from "@/lib/fleet/signal-freshness";

const LEVEL_STYLES = {
  live: { dot: "bg-emerald-500", text: "text-slate-500 dark:text-slate-400" },
  recent: { dot: "bg-sky-500", text: "text-slate-500 dark:text-slate-400" },
  stale: { dot: "bg-amber-500", text: "rounded-full bg-amber-50 px-1.5 text-amber-800 ring-1 ring-inset ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30" },
  unknown: { dot: "bg-slate-300 dark:bg-slate-600", text: "text-slate-500 dark:text-slate-400" },
} as const;

function describe(freshness: SignalFreshness): string {
  if (!freshness.measuredFrom) return "Smartcar sent no timestamp for this value";
  const at = freshness.measuredFrom.toLocaleString("en-GB", { timeZone: "UTC", timeZoneName: "short" });
  return freshness.source === "oem" ? `Reported by the car at ${at}` : `Fetched by Smartcar at ${at} (the car gave no time of its own)`;
}

/** "3 min ago" with a dot; stale values are highlighted. The absolute time is on hover. */
export function FreshnessIndicator({ freshness, className }: { freshness: SignalFreshness; className?: string }) {
  const style = LEVEL_STYLES[freshness.level];
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-xs", style.text, className)} title={describe(freshness)} data-freshness={freshness.level}>
      <span aria-hidden className={cn("size-1.5 shrink-0 rounded-full", style.dot)} />
      {freshness.measuredFrom ? (
        <time dateTime={freshness.measuredFrom.toISOString()}>
          {freshness.level === "stale" ? `Stale · ${freshness.label}` : freshness.label}
        </time>
      ) : (
        freshness.label
      )}
    </span>
  );
}
