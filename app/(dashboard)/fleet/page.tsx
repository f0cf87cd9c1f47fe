import { AlertTriangle, BatteryCharging, Clock, PlugZap, RefreshCcw, Wifi } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BatteryDistribution } from "@/components/fleet/battery-distribution";
import { StatusBreakdown } from "@/components/fleet/status-breakdown";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Stat } from "@/components/ui/stat";
import { requireUser, visibleVehiclesCondition } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getFleetOverview } from "@/lib/fleet/overview";
import { vehicleListHref } from "@/lib/fleet/vehicle-list-query";
import { LiveRefresh } from "@/components/live/live-refresh";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage() {
  const user = await requireUser();
  // The overview is the managers' and viewers' page; an owner's home is their own vehicles.
  if (user.role === "owner") redirect("/vehicles");
  const overview = await getFleetOverview(getDb(), visibleVehiclesCondition(user));
  const { statusCounts } = overview;
  return (
    <>
      <LiveRefresh kinds={["vehicle", "errors"]} />
      <PageHeader
        title="Fleet overview"
        description="Every connected vehicle at a glance: what needs attention, what is charging and how fresh the data is."
        actions={
          <p className="flex items-center gap-1.5 text-sm text-slate-500 dark:text-slate-400" data-testid="fleet-last-updated">
            <Clock aria-hidden className="size-4" />
            Last report <RelativeTime date={overview.lastSignalAt} className="font-medium text-slate-700 dark:text-slate-200" />
          </p>
        }
      />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="Online" value={statusCounts.online} icon={Wifi} href={vehicleListHref({ status: "online" })} tone="good" />
        <Stat label="Charging" value={statusCounts.charging} icon={BatteryCharging} href={vehicleListHref({ status: "charging" })} />
        <Stat
          label="Needs reconnect"
          value={statusCounts.needs_reconnect}
          icon={RefreshCcw}
          href={vehicleListHref({ status: "needs_reconnect" })}
          tone={statusCounts.needs_reconnect ? "warn" : "good"}
        />
        <Stat label="Error" value={statusCounts.error} icon={AlertTriangle} href={vehicleListHref({ status: "error" })} tone={statusCounts.error ? "bad" : "good"} />
      </div>
      {overview.totalVehicles === 0 ? (
        <Card className="mt-8">
          <CardHeader title="Vehicles" description="Live status of the fleet appears here once cars are connected." />
          <EmptyState
            icon={PlugZap}
            title="No vehicles connected yet"
            description="Vehicle owners connect their cars through Smartcar Connect. Once connected, battery, charging, location and diagnostics stream in through webhooks."
            action={<ButtonLink href="/vehicles">Go to vehicles</ButtonLink>}
          />
        </Card>
      ) : (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader
              title="Status"
              description={`${overview.totalVehicles.toLocaleString("en-US")} ${overview.totalVehicles === 1 ? "vehicle" : "vehicles"} in total`}
              action={
                <ButtonLink href="/vehicles" variant="secondary" className="px-2.5 py-1 text-xs">
                  All vehicles
                </ButtonLink>
              }
            />
            <StatusBreakdown counts={statusCounts} total={overview.totalVehicles} />
          </Card>
          <Card>
            <CardHeader
              title="Battery"
              description={
                overview.averageBatteryPercent === null
                  ? "No vehicle has reported a state of charge yet."
                  : `Average ${Math.round(overview.averageBatteryPercent)}% across ${overview.batteryReported.toLocaleString("en-US")} reporting vehicles`
              }
            />
            <BatteryDistribution bands={overview.battery} />
          </Card>
        </div>
      )}
    </>
  );
}
