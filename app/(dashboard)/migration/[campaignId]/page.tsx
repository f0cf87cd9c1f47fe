import { Download } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CampaignProgress } from "@/components/campaigns/campaign-progress";
import { ReminderButton } from "@/components/campaigns/reminder-button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { campaignProgressPayload } from "@/lib/reauth/campaign-payload";
import { campaignProgress } from "@/lib/reauth/campaigns";

export const metadata: Metadata = { title: "Campaign" };

const REASONS = { oem_migration: "OEM migration", credential_reset: "Credential reset", other: "Other" } as const;

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await requireRole("manager", "viewer");
  const id = z.uuid().safeParse((await params).campaignId);
  const progress = id.success ? await campaignProgress(getDb(), id.data) : null;
  if (!progress) notFound();
  const { campaign } = progress;
  const selection =
    campaign.selection.kind === "all" ? "All connected vehicles" : campaign.selection.kind === "make" ? `Make: ${campaign.selection.make}` : `Error: ${campaign.selection.type}${campaign.selection.code ? `:${campaign.selection.code}` : ""}`;
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`${REASONS[campaign.reason]} · ${selection}`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {user.role === "manager" ? <ReminderButton campaignId={campaign.id} /> : null}
            <a
              href={`/api/campaigns/${campaign.id}/remaining`}
              download
              className="inline-flex items-center gap-2 rounded-md px-3.5 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800"
            >
              <Download className="size-4" aria-hidden />
              Who is left (CSV)
            </a>
          </div>
        }
      />
      <Card className="mb-6">
        <CardHeader title="Progress" description="Updates by itself as owners open their links and reconnect." />
        <CampaignProgress campaignId={campaign.id} initial={campaignProgressPayload(progress)} />
      </Card>
      <Card>
        <CardHeader title="Message" />
        <div className="space-y-2 p-5 text-sm">
          <p className="whitespace-pre-line">{campaign.message}</p>
          <p className="text-slate-500 dark:text-slate-400">
            Deadline <RelativeTime date={campaign.deadline} /> · started <RelativeTime date={campaign.createdAt} />
          </p>
        </div>
      </Card>
    </>
  );
}
