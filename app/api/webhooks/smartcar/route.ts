import { readWebRequestBody } from "@/lib/webhooks/http";
import { receiveWebhook } from "@/lib/webhooks/receive";
import { getReceiverContext } from "@/lib/webhooks/runtime";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const body = await readWebRequestBody(request);
  const outcome = await receiveWebhook(getReceiverContext(), body, request.headers.get("sc-signature"));
  return Response.json(outcome.body, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
}
