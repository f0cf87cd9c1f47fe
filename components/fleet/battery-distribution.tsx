import Link from "next/link";
import { cn } from "@/lib/cn";
import { vehicleListHref, type BatteryBand } from "@/lib/fleet/vehicle-list-query";

const BAND_COLORS: Record<BatteryBand, string> = {
  "0-20": "bg-red-500 group-hover:bg-red-600",
  "20-40": "bg-amber-500 group-hover:bg-amber-600",
  "40-60": "bg-emerald-400 group-hover:bg-emerald-500",
  "60-80": "bg-emerald-500 group-hover:bg-emerald-600",
  "80-100": "bg-emerald-600 group-hover:bg-emerald-700",
};

/** A bar per state-of-charge band; each bar opens the list filtered to that band. */
export function BatteryDistribution({ bands }: { bands: { band: BatteryBand; count: number }[] }) {
  const highest = Math.max(1, ...bands.map((band) => band.count));
  return (
    <ul className="flex h-52 items-end gap-3 px-5 pb-4 pt-6" aria-label="Vehicles by battery level">
      {bands.map(({ band, count }) => {
        const label = `${band.replace("-", "–")} %`;
        return (
          <li key={band} className="flex h-full flex-1 flex-col">
            <Link
              href={vehicleListHref({ battery: band, sort: "battery" })}
              aria-label={`${label}: ${count} ${count === 1 ? "vehicle" : "vehicles"}`}
              className="group flex h-full flex-col justify-end rounded-md"
            >
              <span className="mb-1 text-center text-xs font-medium tabular-nums text-slate-700 dark:text-slate-300">{count.toLocaleString("en-US")}</span>
              <span
                className={cn("block w-full rounded-t-md transition-colors", count > 0 ? BAND_COLORS[band] : "bg-slate-100 dark:bg-slate-800")}
                style={{ height: `${Math.max(count > 0 ? 4 : 2, (count / highest) * 78)}%` }}
              />
              <span className="mt-2 text-center text-xs text-slate-500 dark:text-slate-400">{label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
