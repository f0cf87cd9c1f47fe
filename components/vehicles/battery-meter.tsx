import { cn } from "@/lib/cn";

/** State of charge as a small bar with the number beside it. */
export function BatteryMeter({ percent, className }: { percent: number | null; className?: string }) {
  if (percent === null) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  const clamped = Math.max(0, Math.min(100, percent));
  const color = clamped < 20 ? "bg-red-500" : clamped < 40 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <span className={cn("inline-flex items-center gap-2", className)}>
      <span
        role="meter"
        aria-label="Battery"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamped)}
        className="h-1.5 w-14 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <span className={cn("block h-full rounded-full", color)} style={{ width: `${clamped}%` }} />
      </span>
      <span className="tabular-nums">{Math.round(percent)}%</span>
    </span>
  );
}
