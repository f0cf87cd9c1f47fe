import { TriangleAlert } from "lucide-react";
import { getDb } from "@/lib/db";
import { listVehiclesNeedingReconnect } from "@/lib/reauth/reconnect";
import { ReconnectButton } from "./reconnect-button";

/** On every page an owner opens while one of their vehicles needs reconnecting. */
export async function OwnerReconnectBanner({ ownerId }: { ownerId: string }) {
  const vehicles = await listVehiclesNeedingReconnect(getDb(), ownerId);
  if (vehicles.length === 0) return null;
  return (
    <div data-testid="reconnect-banner" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100">
      <div className="flex items-start gap-3">
        <TriangleAlert className="mt-0.5 size-5 shrink-0" aria-hidden />
        <div className="min-w-0 flex-1 space-y-3">
          <p className="font-medium">
            {vehicles.length === 1 ? "One of your vehicles needs reconnecting" : `${vehicles.length} of your vehicles need reconnecting`}
          </p>
          <ul className="space-y-3">
            {vehicles.map((vehicle) => (
              <li key={vehicle.vehicleId} className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0 text-sm">
                  <p className="font-medium">
                    {vehicle.year} {vehicle.make} {vehicle.model}
                    {vehicle.nickname ? ` (${vehicle.nickname})` : ""}
                  </p>
                  <p className="text-amber-800 dark:text-amber-200">{vehicle.reason}</p>
                </div>
                <ReconnectButton vehicleId={vehicle.vehicleId} label={`Reconnect ${vehicle.make}`} />
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
