import { Card, CardHeader } from "@/components/ui/card";
import type { VehicleRecord } from "@/lib/fleet/vehicle-detail";
import { VehicleLabelsForm } from "./vehicle-labels-form";

function Missing({ children }: { children: React.ReactNode }) {
  return <span className="font-normal text-slate-500 dark:text-slate-400">{children}</span>;
}

/** Who the car is: Smartcar's attributes (make, model, VIN…) and what the fleet adds (plate, label). */
export function VehicleAttributes({ vehicle, editable = false }: { vehicle: VehicleRecord; editable?: boolean }) {
  const rows: [string, React.ReactNode][] = [
    ["Make", vehicle.make],
    ["Model", vehicle.model],
    ["Year", vehicle.year],
    ["VIN", vehicle.vin ? <span className="font-mono">{vehicle.vin}</span> : <Missing>not shared (read_vin)</Missing>],
    ["Licence plate", vehicle.licensePlate ? <span className="font-mono">{vehicle.licensePlate}</span> : <Missing>—</Missing>],
    ["Fleet label", vehicle.fleetLabel ?? <Missing>—</Missing>],
    ["Powertrain", vehicle.powertrainType ?? <Missing>unknown</Missing>],
    ["Mode", vehicle.mode === "simulated" ? "Simulated" : "Live"],
    ["Smartcar id", <span key="id" className="break-all font-mono text-xs">{vehicle.smartcarVehicleId}</span>],
  ];
  return (
    <Card>
      <CardHeader title="Attributes" />
      <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="vehicle-attributes">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 px-5 py-2.5">
            <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="min-w-0 break-words text-right font-medium text-slate-900 dark:text-slate-100">{value}</dd>
          </div>
        ))}
      </dl>
      {editable ? <VehicleLabelsForm vehicleId={vehicle.id} licensePlate={vehicle.licensePlate} fleetLabel={vehicle.fleetLabel} /> : null}
    </Card>
  );
}
