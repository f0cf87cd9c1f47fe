"use client";

import { Pencil } from "lucide-react";
import { useActionState } from "react";
import { updateVehicleLabelsAction, type VehicleLabelsState } from "@/app/(dashboard)/vehicles/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/select";
import { cn } from "@/lib/cn";

/** Managers' editor for the licence plate and the fleet label, under the vehicle's attributes. */
export function VehicleLabelsForm({ vehicleId, licensePlate, fleetLabel }: { vehicleId: string; licensePlate: string | null; fleetLabel: string | null }) {
  const [state, action, pending] = useActionState<VehicleLabelsState, FormData>(updateVehicleLabelsAction, { message: null, tone: null });
  return (
    <details className="group border-t border-slate-200 dark:border-slate-800">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 px-5 py-2.5 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100 [&::-webkit-details-marker]:hidden">
        <Pencil aria-hidden className="size-3.5" />
        Edit plate and label
      </summary>
      <form action={action} className="grid gap-3 px-5 pb-4" data-testid="vehicle-labels-form">
        <input type="hidden" name="vehicleId" value={vehicleId} />
        <div>
          <Label htmlFor="licensePlate">Licence plate</Label>
          <Input
            id="licensePlate"
            name="licensePlate"
            defaultValue={licensePlate ?? ""}
            maxLength={16}
            autoComplete="off"
            aria-invalid={state.field === "licensePlate" || undefined}
            aria-describedby={state.field === "licensePlate" ? "vehicle-labels-message" : undefined}
          />
        </div>
        <div>
          <Label htmlFor="fleetLabel">Fleet label</Label>
          <Input
            id="fleetLabel"
            name="fleetLabel"
            defaultValue={fleetLabel ?? ""}
            maxLength={60}
            placeholder="e.g. Depot North · pool car"
            autoComplete="off"
            aria-invalid={state.field === "fleetLabel" || undefined}
            aria-describedby={state.field === "fleetLabel" ? "vehicle-labels-message" : undefined}
          />
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          {state.message ? (
            <p
              id="vehicle-labels-message"
              role="status"
              data-testid="vehicle-labels-result"
              className={cn("text-sm", state.tone === "bad" ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300")}
            >
              {state.message}
            </p>
          ) : null}
        </div>
      </form>
    </details>
  );
}
