import { CircleCheck } from "lucide-react";
import type { Metadata } from "next";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/lib/db";
import { listConnectionsNeedingReconnect } from "@/lib/fleet/lists";

export const metadata: Metadata = { title: "Reconnect" };

export default async function ReconnectPage() {
  await connection();
  const rows = await listConnectionsNeedingReconnect(getDb());
  return (
    <>
      <PageHeader title="Reconnect" description="Connections that broke (changed OEM credentials, platform migrations) and need their owner to sign in again." />
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={CircleCheck} title="Every connection is healthy" description="When Smartcar asks for re-authentication, the affected vehicles and their owners are listed here." />
        ) : (
          <DataTable
            caption="Connections needing reconnect"
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "Vehicle", cell: (row) => `${row.year} ${row.make} ${row.model}` },
              { header: "Owner", cell: (row) => row.ownerEmail },
              { header: "Connected", cell: (row) => <RelativeTime date={row.connectedAt} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
