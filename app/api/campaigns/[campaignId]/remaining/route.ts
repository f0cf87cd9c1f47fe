import { z } from "zod";
import { authorizeRequest } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { listCampaignMembers, getCampaign, remainingMembersCsv } from "@/lib/reauth/campaigns";

/** CSV of the campaign's vehicles whose owner has not reconnected yet. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string }> }) {
  const user = await authorizeRequest("manager", "viewer");
  if (user instanceof Response) return user;
  const id = z.uuid().safeParse((await params).campaignId);
  const campaign = id.success ? await getCampaign(getDb(), id.data) : null;
  if (!campaign) return Response.json({ error: "not_found" }, { status: 404 });
  const csv = remainingMembersCsv(await listCampaignMembers(getDb(), campaign.id));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="campaign-${campaign.id.slice(0, 8)}-remaining.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
