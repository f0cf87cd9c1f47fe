import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/lib/db";
import { listOpenErrors } from "@/lib/fleet/lists";

export const metadata: Metadata = { title: "Errors" };

export default async function ErrorsPage() {
  await connection();
  const rows = await listOpenErrors(getDb());
  return (
    <>
      <PageHeader title="Errors" description="Open errors reported by Smartcar, keyed on their type, code and the action they call for." />
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={ShieldCheck} title="No open errors" description="Errors from webhooks and API calls show up here with the recommended resolution." />
        ) : (
          <DataTable
            caption="Open errors"
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "Error", cell: (row) => <span className="font-mono text-xs">{row.type}{row.code ? `:${row.code}` : ""}</span> },
              { header: "Vehicle", cell: (row) => <span className="font-mono text-xs">{row.smartcarVehicleId}</span> },
              { header: "Resolution", cell: (row) => row.resolutionType ?? "—" },
              { header: "Seen", cell: (row) => <>{row.occurrences}×</> },
              { header: "Last seen", cell: (row) => <RelativeTime date={row.lastSeenAt} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
