import type { CampaignMember, FunnelCounts } from "./campaigns";
import { memberStage } from "./campaigns";

/** The JSON the campaign page polls: dates as ISO strings, each member's furthest stage. */
export function campaignProgressPayload(progress: { funnel: FunnelCounts; members: CampaignMember[] }) {
  return {
    funnel: progress.funnel,
    members: progress.members.map((member) => ({
      linkId: member.linkId,
      vehicleId: member.vehicleId,
      vehicle: member.vehicle,
      ownerEmail: member.ownerEmail,
      stage: memberStage(member),
      notifiedAt: member.notifiedAt?.toISOString() ?? null,
      openedAt: member.openedAt?.toISOString() ?? null,
      startedAt: member.startedAt?.toISOString() ?? null,
      reconnectedAt: member.reconnectedAt?.toISOString() ?? null,
      remindersSent: member.remindersSent,
    })),
  };
}
