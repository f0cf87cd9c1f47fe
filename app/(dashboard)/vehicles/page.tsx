import { Car } from "lucide-react";
import type { Metadata } from "next";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/lib/db";
import { listRecentVehicles } from "@/lib/fleet/lists";

export const metadata: Metadata = { title: "Vehicles" };

export default async function VehiclesPage() {
  await connection();
  const rows = await listRecentVehicles(getDb());
  return (
    <>
      <PageHeader title="Vehicles" description="Every vehicle connected through Smartcar, with its powertrain and the time of its last reading." />
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={Car} title="No vehicles yet" description="Vehicles appear here as soon as an owner connects one through Smartcar Connect." />
        ) : (
          <DataTable
            caption="Vehicles"
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "Vehicle", cell: (row) => <span className="font-medium text-slate-900 dark:text-white">{row.year} {row.make} {row.model}</span> },
              { header: "VIN", cell: (row) => <span className="font-mono text-xs">{row.vin ?? "—"}</span> },
              { header: "Powertrain", cell: (row) => row.powertrainType ?? "—" },
              { header: "Last signal", cell: (row) => <RelativeTime date={row.lastSignalAt} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
