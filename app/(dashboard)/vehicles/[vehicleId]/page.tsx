import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { VehicleActivity } from "@/components/audit/vehicle-activity";
import { VehicleCommandsPanel } from "@/components/commands/vehicle-commands-panel";
import { SignalHighlights } from "@/components/signals/signal-highlights";
import { VehicleSignals } from "@/components/signals/vehicle-signals";
import { RelativeTime } from "@/components/ui/relative-time";
import { RefreshNowButton } from "@/components/vehicles/refresh-now-button";
import { ConnectionHealth } from "@/components/vehicles/connection-health";
import { VehicleAttributes } from "@/components/vehicles/vehicle-attributes";
import { VehicleStatusBadge } from "@/components/vehicles/vehicle-status-badge";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { loadVisibleVehicle } from "./load-visible-vehicle";
import { LiveRefresh } from "@/components/live/live-refresh";

type Props = { params: Promise<{ vehicleId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { detail } = await loadVisibleVehicle((await params).vehicleId);
  return { title: vehicleDisplayName(detail.vehicle) };
}

export default async function VehiclePage({ params }: Props) {
  const { user, detail } = await loadVisibleVehicle((await params).vehicleId);
  const { vehicle } = detail;
  const now = new Date();
  const name = vehicleDisplayName(vehicle);
  return (
    <>
      <LiveRefresh vehicleId={vehicle.id} />
      <Link href="/vehicles" className="mb-4 inline-flex items-center gap-1.5 text-sm text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
        <ArrowLeft aria-hidden className="size-4" /> Vehicles
      </Link>
      <header className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{name}</h1>
            <VehicleStatusBadge status={detail.status} />
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {vehicle.nickname ? `${vehicle.year} ${vehicle.make} ${vehicle.model} · ` : null}
            {vehicle.vin ? <span className="font-mono">{vehicle.vin}</span> : "VIN not shared"}
            {vehicle.powertrainType ? ` · ${vehicle.powertrainType}` : null}
          </p>
        </div>
        <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="vehicle-last-signal">
          Last report <RelativeTime date={vehicle.lastSignalAt} className="font-medium text-slate-700 dark:text-slate-200" />
        </p>
      </header>

      <SignalHighlights signals={detail.signals} now={now} />

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <VehicleSignals
            signals={detail.signals}
            now={now}
            unrequestedCount={detail.unrequestedSignalCodes.length}
            refreshAction={user.role === "viewer" ? undefined : <RefreshNowButton vehicleId={vehicle.id} />}
          />
        </div>
        <div className="space-y-6">
          <VehicleAttributes vehicle={vehicle} editable={user.role === "manager"} />
          <VehicleCommandsPanel vehicleId={vehicle.id} />
          <ConnectionHealth connections={detail.connections} openErrors={detail.openErrors} />
        </div>
      </div>
      <VehicleActivity vehicleId={vehicle.id} />
    </>
  );
}
