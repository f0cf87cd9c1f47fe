import { Truck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { NewCampaignForm } from "@/components/campaigns/new-campaign-form";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { listErrorMakes } from "@/lib/errors/error-center";
import { listOpenErrorCodes } from "@/lib/reauth/campaign-options";
import { listCampaigns } from "@/lib/reauth/campaigns";

export const metadata: Metadata = { title: "Migration" };

const DEFAULT_DEADLINE_DAYS = 14;

function deadlineFromToday(): string {
  return new Date(Date.now() + DEFAULT_DEADLINE_DAYS * 86_400_000).toISOString().slice(0, 10);
}

export default async function MigrationPage() {
  const user = await requireRole("manager", "viewer");
  const db = getDb();
  const [campaigns, makes, errorCodes] = await Promise.all([listCampaigns(db), listErrorMakes(db), listOpenErrorCodes(db)]);
  const defaultDeadline = deadlineFromToday();
  return (
    <>
      <PageHeader
        title="Migration"
        description="Re-authentication campaigns for OEM migrations and credential resets: send every affected owner a reconnect link and follow each one from notified to reconnected."
      />
      <Card className="mb-6">
        <CardHeader title="Campaigns" />
        {campaigns.length === 0 ? (
          <EmptyState icon={Truck} title="No campaigns yet" description="A campaign notifies the owners of the vehicles you pick and follows each one from notified to reconnected." />
        ) : (
          <DataTable
            caption="Campaigns"
            rows={campaigns}
            rowKey={(row) => row.id}
            columns={[
              {
                header: "Campaign",
                cell: (row) => (
                  <Link className="font-medium text-brand-600 hover:underline dark:text-brand-300" href={`/migration/${row.id}`}>
                    {row.name}
                  </Link>
                ),
              },
              { header: "Reconnected", cell: (row) => <span data-testid="campaign-reconnected">{`${row.reconnected}/${row.total}`}</span> },
              { header: "Opened", cell: (row) => `${row.opened}/${row.total}` },
              { header: "Deadline", cell: (row) => <RelativeTime date={row.deadline} /> },
              { header: "Started", cell: (row) => <RelativeTime date={row.createdAt} /> },
            ]}
          />
        )}
      </Card>
      {user.role === "manager" ? (
        <Card>
          <CardHeader title="New campaign" description="Each selected vehicle's owner gets a reconnect link, valid until the deadline. Messages go to the Outbox (and by email when SMTP is configured)." />
          <NewCampaignForm makes={makes} errorCodes={errorCodes} defaultDeadline={defaultDeadline} />
        </Card>
      ) : null}
    </>
  );
}
