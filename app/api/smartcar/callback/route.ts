import { NextResponse, type NextRequest } from "next/server";
import { getSessionUser } from "@/lib/auth/guards";
import { completeConnectCallback } from "@/lib/connect/callback";
import { connectResultPath } from "@/lib/connect/result";
import { getDb } from "@/lib/db";
import { getSmartcar } from "@/lib/smartcar";

export async function GET(request: NextRequest) {
  const user = await getSessionUser();
  const outcome = await completeConnectCallback(getDb(), getSmartcar(), user?.id ?? null, new URL(request.url));
  return NextResponse.redirect(new URL(connectResultPath(outcome), request.url), { status: 303 });
}
