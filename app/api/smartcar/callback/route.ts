import { NextResponse, type NextRequest } from "next/server";
import { auditConnectOutcome } from "@/lib/audit/auth-events";
import { getSessionUser } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { completeConnectCallback } from "@/lib/connect/callback";
import { connectResultPath } from "@/lib/connect/result";
import { getDb } from "@/lib/db";
import { getLiveHub } from "@/lib/live";
import { getSmartcar } from "@/lib/smartcar";

export async function GET(request: NextRequest) {
  const user = await getSessionUser();
  const outcome = await completeConnectCallback(getDb(), getSmartcar(), user?.id ?? null, new URL(request.url), getLiveHub());
  await auditConnectOutcome(outcome);
  // The public URL, not the request's: behind a proxy or a bound address the two host names differ,
  // and the session cookie belongs to the public one.
  return NextResponse.redirect(new URL(connectResultPath(outcome), getConfig().appUrl), { status: 303 });
}
