import { cn } from "@/lib/cn";
import { summarizeSecurity } from "@/lib/fleet/security-summary";
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
] as const;

const TONES = {
  neutral: "text-slate-900 dark:text-white",
  good: "text-emerald-700 dark:text-emerald-300",
  warn: "text-amber-800 dark:text-amber-300",
  bad: "text-red-700 dark:text-red-300",
} as const;

/**
 * The few readings people look for first, above the full signal list; only those reported. Each tile
 * shows its own reading's age; "Doors and locks" is derived from several readings and says so when
 * they were not reported together.
 */
/** "doors, windows as of 3 h ago; trunk as of 2 days ago". */
function olderByAge(parts: { label: string; age: string }[]): string {
  const byAge = new Map<string, string[]>();
  for (const part of parts) byAge.set(part.age, [...(byAge.get(part.age) ?? []), part.label.toLowerCase()]);
  return [...byAge].map(([age, labels]) => `${labels.join(", ")} as of ${age}`).join("; ");
}

export function SignalHighlights({ signals, now }: { signals: StoredSignal[]; now: Date }) {
  const byCode = new Map(signals.map((signal) => [signal.code, signal]));
  const shown = HIGHLIGHTS.flatMap(({ code, label }) => {
    const signal = byCode.get(code);
    return signal && signal.status === "SUCCESS" ? [{ label, signal }] : [];
  });
  const security = summarizeSecurity(signals, now);
  if (shown.length === 0 && !security) return null;
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" data-testid="signal-highlights">
      {shown.map(({ label, signal }) => (
        <div key={signal.code} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`highlight-${signal.code}`}>
          <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900 sm:text-2xl dark:text-white">{formatSignal(signal.code, signal.body).value}</dd>
          <dd className="mt-1">
            <FreshnessIndicator freshness={signalFreshness(signal, now)} />
          </dd>
        </div>
      ))}
      {security ? (
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid="highlight-security">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Doors and locks</dt>
          <dd className={cn("mt-1 text-lg font-semibold leading-snug", TONES[security.tone])}>{security.value}</dd>
          {security.olderParts.length > 0 ? (
            <dd className="mt-1 text-xs text-amber-800 dark:text-amber-300" data-testid="security-mixed-ages">
              Not one report: {olderByAge(security.olderParts)}
            </dd>
          ) : null}
          <dd className="mt-1">
            <FreshnessIndicator freshness={signalFreshness({ oemUpdatedAt: security.newest, retrievedAt: null }, now)} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
