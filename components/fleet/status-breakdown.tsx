import Link from "next/link";
import { VEHICLE_STATUS_TONES } from "@/components/vehicles/vehicle-status-badge";
import { cn } from "@/lib/cn";
import { vehicleListHref } from "@/lib/fleet/vehicle-list-query";
import { VEHICLE_STATUSES, VEHICLE_STATUS_LABELS, type VehicleStatus } from "@/lib/fleet/vehicle-status";

const BAR_COLORS: Record<string, string> = {
  neutral: "bg-slate-300 dark:bg-slate-600",
  good: "bg-emerald-500",
  warn: "bg-amber-500",
  bad: "bg-red-500",
  info: "bg-sky-500",
  brand: "bg-brand-500",
};

/** Every status as one stacked bar with a legend; each legend entry opens the filtered list. */
export function StatusBreakdown({ counts, total }: { counts: Record<VehicleStatus, number>; total: number }) {
  return (
    <div className="px-5 py-4">
      <div className="flex h-3 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden>
        {total > 0
          ? VEHICLE_STATUSES.map((status) =>
              counts[status] > 0 ? (
                <div key={status} className={cn("h-full", BAR_COLORS[VEHICLE_STATUS_TONES[status]])} style={{ width: `${(counts[status] / total) * 100}%` }} />
              ) : null,
            )
          : null}
      </div>
      <ul className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
        {VEHICLE_STATUSES.map((status) => (
          <li key={status}>
            <Link href={vehicleListHref({ status })} className="flex items-center justify-between gap-2 rounded-md px-2 py-1 hover:bg-slate-50 dark:hover:bg-slate-800/60">
              <span className="flex items-center gap-2 text-slate-600 dark:text-slate-400">
                <span aria-hidden className={cn("size-2.5 rounded-sm", BAR_COLORS[VEHICLE_STATUS_TONES[status]])} />
                {VEHICLE_STATUS_LABELS[status]}
              </span>
              <span className="font-medium tabular-nums text-slate-900 dark:text-white" data-testid={`status-count-${status}`}>
                {counts[status].toLocaleString("en-US")}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
