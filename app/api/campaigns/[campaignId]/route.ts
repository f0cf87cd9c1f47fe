import { z } from "zod";
import { authorizeRequest } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { campaignProgressPayload } from "@/lib/reauth/campaign-payload";
import { campaignProgress } from "@/lib/reauth/campaigns";

export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string }> }) {
  const user = await authorizeRequest("manager", "viewer");
  if (user instanceof Response) return user;
  const id = z.uuid().safeParse((await params).campaignId);
  const progress = id.success ? await campaignProgress(getDb(), id.data) : null;
  if (!progress) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(campaignProgressPayload(progress), { headers: { "Cache-Control": "no-store" } });
}
