import { AlertTriangle, PlugZap } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { VehicleConnectionSummary, VehicleOpenError } from "@/lib/fleet/vehicle-detail";

const CONNECTION_STATES: Record<VehicleConnectionSummary["status"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "good" },
  needs_reauth: { label: "Needs reconnect", tone: "warn" },
  revoked: { label: "Revoked", tone: "neutral" },
};

/** The vehicle's Smartcar connections (one per owner) and its open errors. */
export function ConnectionHealth({ connections, openErrors }: { connections: VehicleConnectionSummary[]; openErrors: VehicleOpenError[] }) {
  return (
    <Card>
      <CardHeader title="Connection health" />
      {connections.length === 0 ? (
        <p className="flex items-center gap-2 px-5 py-4 text-sm text-slate-500 dark:text-slate-400">
          <PlugZap aria-hidden className="size-4" /> No Smartcar connection.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="vehicle-connections">
          {connections.map((connection) => {
            const state = CONNECTION_STATES[connection.status];
            return (
              <li key={connection.id} className="px-5 py-3 text-sm">
                <div className="flex items-center justify-between gap-3">
                  <span className="truncate font-medium text-slate-900 dark:text-slate-100" title={connection.ownerEmail}>
                    {connection.ownerName ?? connection.ownerEmail}
                  </span>
                  <Badge tone={state.tone} dot>
                    {state.label}
                  </Badge>
                </div>
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  Connected <RelativeTime date={connection.connectedAt} />
                  {connection.lastReconnectedAt ? (
                    <>
                      {" "}
                      · reconnected <RelativeTime date={connection.lastReconnectedAt} />
                    </>
                  ) : null}
                  {connection.revokedAt ? (
                    <>
                      {" "}
                      · revoked <RelativeTime date={connection.revokedAt} />
                    </>
                  ) : null}
                  {connection.auth === "v2_vehicle_token" ? " · legacy v2 token" : null}
                </p>
                {connection.missingPermissions.length > 0 ? (
                  <p className="mt-1 text-xs text-amber-800 dark:text-amber-300" data-testid="missing-permissions">
                    Not granted: <span className="font-mono">{connection.missingPermissions.join(", ")}</span>. Reconnecting asks again.
                  </p>
                ) : connection.permissions.length > 0 ? (
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400" data-testid="permissions-granted">
                    Every permission Fleetdeck asks for is granted.
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {openErrors.length ? (
        <div className="border-t border-slate-200 px-5 py-4 dark:border-slate-800" data-testid="vehicle-open-errors">
          <h3 className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-red-700 dark:text-red-400">
            <AlertTriangle aria-hidden className="size-3.5" /> Open {openErrors.length === 1 ? "error" : "errors"}
          </h3>
          <ul className="mt-2 space-y-3 text-sm">
            {openErrors.map((error) => (
              <li key={error.id}>
                <p className="font-medium text-slate-900 dark:text-slate-100">
                  {error.type}
                  {error.code ? <span className="font-mono text-xs text-slate-500 dark:text-slate-400"> · {error.code}</span> : null}
                </p>
                {error.suggestedUserMessage || error.description ? (
                  <p className="mt-0.5 text-slate-600 dark:text-slate-400">{error.suggestedUserMessage ?? error.description}</p>
                ) : null}
                <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
                  Last seen <RelativeTime date={error.lastSeenAt} />
                  {error.occurrences > 1 ? ` · ${error.occurrences} times` : null}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
