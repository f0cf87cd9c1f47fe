"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";

export interface ProgressPayload {
  funnel: { total: number; notified: number; opened: number; started: number; reconnected: number };
  members: {
    linkId: string;
    vehicleId: string;
    vehicle: string;
    ownerEmail: string;
    stage: "notified" | "opened" | "started" | "reconnected" | "pending";
    notifiedAt: string | null;
    openedAt: string | null;
    startedAt: string | null;
    reconnectedAt: string | null;
    remindersSent: number;
  }[];
}

const STAGE_TONES: Record<ProgressPayload["members"][number]["stage"], BadgeTone> = {
  pending: "neutral",
  notified: "neutral",
  opened: "info",
  started: "warn",
  reconnected: "good",
};

const POLL_MS = 3_000;

/** The funnel and the members, kept current by polling (and by live notices through the query cache). */
export function CampaignProgress({ campaignId, initial }: { campaignId: string; initial: ProgressPayload }) {
  const { data } = useQuery({
    queryKey: ["campaign", campaignId],
    queryFn: async (): Promise<ProgressPayload> => {
      const response = await fetch(`/api/campaigns/${campaignId}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`campaign progress: HTTP ${response.status}`);
      return response.json();
    },
    initialData: initial,
    refetchInterval: POLL_MS,
  });
  const { funnel, members } = data;
  const steps = [
    { label: "Notified", value: funnel.notified },
    { label: "Opened", value: funnel.opened },
    { label: "Started", value: funnel.started },
    { label: "Reconnected", value: funnel.reconnected },
  ];
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 p-5 sm:grid-cols-4" data-testid="campaign-funnel">
        {steps.map((step) => (
          <div key={step.label} className="rounded-lg bg-slate-50 p-4 dark:bg-slate-800/50" data-testid={`funnel-${step.label.toLowerCase()}`}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{step.label}</p>
            <p className="mt-1 text-2xl font-semibold">
              {step.value}/{funnel.total}
            </p>
            <div className="mt-2 h-1.5 rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden>
              <div className="h-1.5 rounded-full bg-brand-600" style={{ width: `${funnel.total ? (step.value / funnel.total) * 100 : 0}%` }} />
            </div>
          </div>
        ))}
      </div>
      <DataTable
        caption="Campaign vehicles"
        rows={members}
        rowKey={(row) => row.linkId}
        columns={[
          { header: "Vehicle", cell: (row) => row.vehicle },
          { header: "Owner", cell: (row) => row.ownerEmail },
          { header: "Stage", cell: (row) => <Badge tone={STAGE_TONES[row.stage]}>{row.stage}</Badge> },
          { header: "Opened", cell: (row) => (row.openedAt ? <RelativeTime date={row.openedAt} /> : "—") },
          { header: "Reconnected", cell: (row) => (row.reconnectedAt ? <RelativeTime date={row.reconnectedAt} /> : "—") },
          { header: "Reminders", cell: (row) => row.remindersSent },
        ]}
      />
    </div>
  );
}
