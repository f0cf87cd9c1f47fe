import { Webhook } from "lucide-react";
import type { Metadata } from "next";
import { connection } from "next/server";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { listRecentDeliveries } from "@/lib/fleet/lists";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await connection();
  const rows = await listRecentDeliveries(getDb());
  const { webhookUrl } = getConfig().smartcar;
  return (
    <>
      <PageHeader title="Webhooks" description="Deliveries Smartcar pushed to this app, as received, verified and processed." />
      <Card>
        <CardHeader title="Recent deliveries" description={`Callback URL: ${webhookUrl}`} />
        {rows.length === 0 ? (
          <EmptyState icon={Webhook} title="No deliveries received yet" description="Once vehicles are subscribed, every VEHICLE_STATE and VEHICLE_ERROR event Smartcar sends is listed here." />
        ) : (
          <DataTable
            caption="Recent webhook deliveries"
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "Received", cell: (row) => <RelativeTime date={row.receivedAt} /> },
              { header: "Event", cell: (row) => <span className="font-mono text-xs">{row.eventType}</span> },
              { header: "Vehicle", cell: (row) => <span className="font-mono text-xs">{row.smartcarVehicleId ?? "—"}</span> },
              { header: "Status", cell: (row) => row.status },
            ]}
          />
        )}
      </Card>
    </>
  );
}
