import { Radio } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { groupSignals } from "@/lib/fleet/signal-groups";
import type { StoredSignal } from "@/lib/fleet/vehicle-detail";
import { SignalTile } from "./signal-tile";

/**
 * Every stored signal of a vehicle, grouped. `refreshAction` is the slot for the "Refresh now"
 * control (fetches signals through the v3 API server-side); it is rendered in the card header
 * only when the page passes one, so roles that may not refresh never see it.
 */
export function VehicleSignals({
  signals,
  now,
  refreshAction,
  unrequestedCount = 0,
}: {
  signals: StoredSignal[];
  now: Date;
  refreshAction?: React.ReactNode;
  /** Signals the car has under permissions Fleetdeck does not ask for (left out of `signals`). */
  unrequestedCount?: number;
}) {
  const groups = groupSignals(signals);
  return (
    <Card>
      <CardHeader
        title="Signals"
        description={signals.length ? `${signals.length} ${signals.length === 1 ? "signal" : "signals"}, latest value of each, as Smartcar reported it` : undefined}
        action={refreshAction}
      />
      {groups.length === 0 ? (
        <EmptyState icon={Radio} title="No signals yet" description="Signals appear here as soon as Smartcar reports them for this vehicle, through a webhook or a refresh." />
      ) : (
        <div className="divide-y divide-slate-200 dark:divide-slate-800">
          {groups.map((group) => (
            <section key={group.group} aria-labelledby={`group-${group.group}`} className="px-5 py-4" data-testid={`signal-group-${group.group}`}>
              <h3 id={`group-${group.group}`} className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                {group.label}
              </h3>
              <dl className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
                {group.signals.map((signal) => (
                  <SignalTile key={signal.code} signal={signal} now={now} />
                ))}
              </dl>
            </section>
          ))}
        </div>
      )}
      {unrequestedCount > 0 ? (
        <p className="border-t border-slate-200 px-5 py-3 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400" data-testid="unrequested-signals">
          {unrequestedCount} more {unrequestedCount === 1 ? "signal needs a permission" : "signals need permissions"} this Fleetdeck does not ask owners for.
        </p>
      ) : null}
    </Card>
  );
}
