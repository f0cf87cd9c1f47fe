import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ErrorGroup } from "@/lib/errors/error-center";
import type { ErrorCategory } from "@/lib/errors/guidance";
import { AcknowledgeForm } from "./acknowledge-form";
import { categoryLabel } from "./error-filters-form";

const TONES: Record<ErrorCategory, BadgeTone> = {
  reconnect: "warn",
  retry: "info",
  billing: "bad",
  support: "bad",
  at_the_car: "brand",
  owner_account: "warn",
  action_link: "warn",
  other: "neutral",
};

/** One type/code: what it means, what to do, who is affected. */
export function ErrorGroupCard({ group, canAcknowledge }: { group: ErrorGroup; canAcknowledge: boolean }) {
  const open = group.vehicles.filter((vehicle) => vehicle.state === "open");
  const vehicleCount = new Set(group.vehicles.map((vehicle) => vehicle.smartcarVehicleId)).size;
  return (
    <Card data-testid="error-group" data-error-key={group.key}>
      <div className="space-y-4 p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{group.guidance.entry.title}</h2>
            <p className="mt-0.5 font-mono text-xs text-slate-500 dark:text-slate-400">
              {group.type}
              {group.code ? `:${group.code}` : ""}
            </p>
          </div>
          <Badge tone={TONES[group.category]} dot>
            {categoryLabel(group.category)}
          </Badge>
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Vehicles</dt>
            <dd className="font-semibold" data-testid="error-group-vehicles">{vehicleCount}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Occurrences</dt>
            <dd className="font-semibold">{group.occurrences}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">First seen</dt>
            <dd>
              <RelativeTime date={group.firstSeenAt} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Last seen</dt>
            <dd>
              <RelativeTime date={group.lastSeenAt} />
            </dd>
          </div>
        </dl>
        <div className="space-y-1 text-sm">
          <p className="text-slate-600 dark:text-slate-400">{group.guidance.entry.meaning}</p>
          <p className="font-medium text-slate-900 dark:text-slate-100" data-testid="error-group-headline">
            {group.guidance.headline}
          </p>
          {group.guidance.headline !== group.guidance.managerAction ? <p className="text-slate-700 dark:text-slate-300">Recommended: {group.guidance.managerAction}</p> : null}
          {group.category === "retry" || group.guidance.nextAttemptAt ? (
            <p className="text-slate-700 dark:text-slate-300" data-testid="error-group-next-attempt">
              Next attempt: {group.nextAttemptAt ? <RelativeTime date={group.nextAttemptAt} /> : "when Smartcar sends new data (it retries on its own)"}
            </p>
          ) : null}
          {group.guidance.actionUrl ? (
            <p>
              Owner action page:{" "}
              <a className="text-brand-600 underline dark:text-brand-300" href={group.guidance.actionUrl} rel="noreferrer noopener" target="_blank">
                {group.guidance.actionUrl}
              </a>
            </p>
          ) : null}
          {group.suggestedUserMessage ? <p className="text-slate-600 dark:text-slate-400">Smartcar&apos;s message for the owner: “{group.suggestedUserMessage}”</p> : null}
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Affected vehicles</h3>
            <ul className="mt-1 space-y-0.5 text-sm">
              {group.vehicles.slice(0, 20).map((vehicle) => (
                <li key={vehicle.errorId}>
                  {vehicle.vehicleId ? (
                    <Link className="text-brand-600 hover:underline dark:text-brand-300" href={`/vehicles/${vehicle.vehicleId}`}>
                      {vehicle.label}
                    </Link>
                  ) : (
                    vehicle.label
                  )}
                  {vehicle.state !== "open" ? <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">({vehicle.state})</span> : null}
                </li>
              ))}
              {group.vehicles.length > 20 ? <li className="text-slate-500 dark:text-slate-400">and {group.vehicles.length - 20} more (export the CSV for all)</li> : null}
            </ul>
          </div>
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Owners</h3>
            <p className="mt-1 text-sm">{group.owners.length > 0 ? group.owners.join(", ") : "—"}</p>
          </div>
        </div>
        {canAcknowledge && open.length > 0 ? (
          <details className="rounded-md bg-slate-50 p-3 dark:bg-slate-800/50">
            <summary className="cursor-pointer text-sm font-medium">Acknowledge by hand</summary>
            <div className="mt-3">
              <AcknowledgeForm groupKey={group.key} vehicles={open.map((vehicle) => ({ errorId: vehicle.errorId, label: vehicle.label }))} />
            </div>
          </details>
        ) : null}
      </div>
    </Card>
  );
}
