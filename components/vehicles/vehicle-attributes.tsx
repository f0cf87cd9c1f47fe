import { Card, CardHeader } from "@/components/ui/card";
import type { VehicleRecord } from "@/lib/fleet/vehicle-detail";

export function VehicleAttributes({ vehicle }: { vehicle: VehicleRecord }) {
  const rows: [string, React.ReactNode][] = [
    ["Make", vehicle.make],
    ["Model", vehicle.model],
    ["Year", vehicle.year],
    ["VIN", vehicle.vin ? <span className="font-mono">{vehicle.vin}</span> : <span className="text-slate-400">not shared</span>],
    ["Powertrain", vehicle.powertrainType ?? <span className="text-slate-400">unknown</span>],
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
            <dd className="text-right font-medium text-slate-900 dark:text-slate-100">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
