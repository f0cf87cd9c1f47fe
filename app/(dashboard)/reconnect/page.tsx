import { CircleCheck } from "lucide-react";
import type { Metadata } from "next";
import { FormAlert } from "@/components/auth/form-alert";
import { ReconnectButton } from "@/components/reauth/reconnect-button";
import { SendLinkButton } from "@/components/reauth/send-link-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { listReconnectHistory, listVehiclesNeedingReconnect } from "@/lib/reauth/reconnect";
import { LiveRefresh } from "@/components/live/live-refresh";

export const metadata: Metadata = { title: "Reconnect" };

export default async function ReconnectPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const user = await requireUser();
  const { error } = await searchParams;
  const db = getDb();
  const rows = await listVehiclesNeedingReconnect(db, user.role === "owner" ? user.id : undefined);
  const history = user.role === "owner" ? [] : await listReconnectHistory(db);
  return (
    <>
      <LiveRefresh kinds={["errors"]} batchMs={2_000} />
      <PageHeader
        title="Reconnect"
        description={
          user.role === "owner"
            ? "Vehicles whose connection broke (a changed password, a car-maker platform change). Sign in to your car-maker account again to restore them."
            : "Connections that broke and need their owner to sign in again. Send the owner a reconnect link, or reconnect together."
        }
      />
      {error ? (
        <div className="mb-4">
          <FormAlert message={error === "invalid" ? "That vehicle could not be found." : error} />
        </div>
      ) : null}
      <Card>
        <CardHeader title="Needs reconnect" description={`${rows.length} ${rows.length === 1 ? "vehicle" : "vehicles"}`} />
        {rows.length === 0 ? (
          <EmptyState icon={CircleCheck} title="Every connection is healthy" description="When Smartcar asks for re-authentication, the affected vehicles and their owners are listed here." />
        ) : (
          <DataTable
            caption="Vehicles needing reconnect"
            rows={rows}
            rowKey={(row) => row.vehicleId}
            columns={[
              { header: "Vehicle", cell: (row) => <span className="font-medium">{`${row.year} ${row.make} ${row.model}${row.nickname ? ` (${row.nickname})` : ""}`}</span> },
              ...(user.role === "owner" ? [] : [{ header: "Owner", cell: (row: (typeof rows)[number]) => row.ownerEmail }]),
              { header: "Reason", cell: (row) => <span className="whitespace-normal text-sm">{row.reason}</span>, className: "text-slate-700 md:max-w-md md:px-5 md:py-3 dark:text-slate-300" },
              ...(user.role === "owner" ? [] : [{ header: "Last link", cell: (row: (typeof rows)[number]) => (row.lastLinkSentAt ? <RelativeTime date={row.lastLinkSentAt} /> : "—") }]),
              {
                header: "Action",
                cell: (row) =>
                  user.role === "viewer" ? (
                    <Badge tone="warn">Needs reconnect</Badge>
                  ) : (
                    <div className="flex flex-wrap items-start gap-2">
                      <ReconnectButton vehicleId={row.vehicleId} variant={user.role === "manager" ? "secondary" : "primary"} />
                      {user.role === "manager" ? <SendLinkButton vehicleId={row.vehicleId} /> : null}
                    </div>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {user.role === "owner" ? null : (
        <Card className="mt-6">
          <CardHeader title="Recent reconnects" description="Every confirmed re-authentication, and the errors it closed." />
          {history.length === 0 ? (
            <EmptyState icon={CircleCheck} title="No reconnects yet" description="Vehicles appear here once their owner has signed in again." />
          ) : (
            <DataTable
              caption="Recent reconnects"
              rows={history}
              rowKey={(row) => row.id}
              columns={[
                { header: "Vehicle", cell: (row) => `${row.year} ${row.make} ${row.model}` },
                { header: "Owner", cell: (row) => row.ownerEmail ?? "—" },
                { header: "Via", cell: (row) => <Badge tone={row.via === "link" ? "info" : "neutral"}>{row.via === "link" ? "Reconnect link" : "In the app"}</Badge> },
                { header: "Errors closed", cell: (row) => row.errorsClosed },
                { header: "When", cell: (row) => <RelativeTime date={row.reconnectedAt} /> },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
