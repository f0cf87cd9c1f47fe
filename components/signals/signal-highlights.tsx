import { formatSignal } from "@/lib/fleet/signal-format";
import { signalFreshness } from "@/lib/fleet/signal-freshness";
import type { StoredSignal } from "@/lib/fleet/vehicle-detail";
import { FreshnessIndicator } from "./freshness-indicator";

const HIGHLIGHTS = [
  { code: "tractionbattery-stateofcharge", label: "Battery" },
  { code: "tractionbattery-range", label: "Range" },
  { code: "internalcombustionengine-fuellevel", label: "Fuel" },
  { code: "odometer-traveleddistance", label: "Odometer" },
  { code: "charge-ischarging", label: "Charging" },
  { code: "closure-islocked", label: "Locks" },
] as const;

/** The few readings people look for first, above the full signal list; only those reported. */
export function SignalHighlights({ signals, now }: { signals: StoredSignal[]; now: Date }) {
  const byCode = new Map(signals.map((signal) => [signal.code, signal]));
  const shown = HIGHLIGHTS.flatMap(({ code, label }) => {
    const signal = byCode.get(code);
    return signal && signal.status === "SUCCESS" ? [{ label, signal }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" data-testid="signal-highlights">
      {shown.map(({ label, signal }) => (
        <div key={signal.code} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`highlight-${signal.code}`}>
          <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">{formatSignal(signal.code, signal.body).value}</dd>
          <dd className="mt-1">
            <FreshnessIndicator freshness={signalFreshness(signal, now)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
