import { cn } from "@/lib/cn";
import { formatSignal, type SignalTone } from "@/lib/fleet/signal-format";
import { signalFreshness } from "@/lib/fleet/signal-freshness";
import { signalNameLabel } from "@/lib/fleet/signal-groups";
import { isPermissionError } from "@/lib/fleet/signal-permissions";
import { permissionForSignal } from "@/lib/smartcar/permissions";
import type { StoredSignal } from "@/lib/fleet/vehicle-detail";
import { FreshnessIndicator } from "./freshness-indicator";

const VALUE_TONES: Record<SignalTone, string> = {
  neutral: "text-slate-900 dark:text-white",
  good: "text-emerald-700 dark:text-emerald-400",
  warn: "text-amber-700 dark:text-amber-400",
  bad: "text-red-700 dark:text-red-400",
};

function errorText(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const { type, code, description } = error as { type?: unknown; code?: unknown; description?: unknown };
  if (typeof description === "string" && description) return description;
  return [type, code].filter((part): part is string => typeof part === "string" && part.length > 0).join(" · ") || null;
}

/** One stored signal: its name, readable value, extra facts and how fresh it is. */
export function SignalTile({ signal, now }: { signal: StoredSignal; now: Date }) {
  const freshness = signalFreshness(signal, now);
  const failed = signal.status !== "SUCCESS";
  const display = failed ? null : formatSignal(signal.code, signal.body);
  return (
    <div
      className={cn(
        "flex flex-col rounded-lg border p-3.5",
        freshness.level === "stale" ? "border-amber-200 bg-amber-50/40 dark:border-amber-500/20 dark:bg-amber-500/5" : "border-slate-200 dark:border-slate-800",
      )}
      data-testid={`signal-${signal.code}`}
    >
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400" title={signal.code}>
        {signalNameLabel(signal.name)}
      </dt>
      <dd className="mt-1 flex flex-1 flex-col">
        {display ? (
          <>
            {display.value ? <span className={cn("break-words text-lg font-semibold tabular-nums", VALUE_TONES[display.tone])}>{display.value}</span> : null}
            {display.details.length ? (
              <dl className="mt-1.5 space-y-0.5 text-xs">
                {display.details.map((detail, index) => (
                  <div key={`${detail.label}-${index}`} className="flex justify-between gap-3">
                    <dt className="text-slate-500 dark:text-slate-400">{detail.label}</dt>
                    <dd className="min-w-0 break-words text-right font-medium text-slate-700 dark:text-slate-300">{detail.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </>
        ) : isPermissionError(signal.error) ? (
          <>
            <span className="text-sm font-semibold text-amber-800 dark:text-amber-300">Not permitted</span>
            <span className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {permissionForSignal(signal.code) ? `The connection did not grant ${permissionForSignal(signal.code)}; reconnecting can.` : errorText(signal.error)}
            </span>
          </>
        ) : (
          <>
            <span className="text-sm font-semibold text-red-700 dark:text-red-300">{signal.status === "UNAVAILABLE" ? "Unavailable" : "Could not be read"}</span>
            {errorText(signal.error) ? <span className="mt-1 text-xs text-slate-600 dark:text-slate-400">{errorText(signal.error)}</span> : null}
          </>
        )}
        <FreshnessIndicator freshness={freshness} className="mt-auto self-start pt-2" />
      </dd>
    </div>
  );
}
