"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { startReconnectFromLink } from "@/lib/reauth/links";
import { getLinkSigning } from "@/lib/reauth/mailer";
import { getSmartcar } from "@/lib/smartcar";

const input = z.object({ token: z.string().min(10).max(300), vehicleId: z.string().max(64) });

/** The link's "Reconnect" button: no Fleetdeck session needed, the link itself is the credential. */
export async function startReconnectFromLinkAction(formData: FormData): Promise<void> {
  const parsed = input.safeParse({ token: formData.get("token"), vehicleId: formData.get("vehicleId") });
  if (!parsed.success) redirect("/r/refused?reason=tampered");
  const result = await startReconnectFromLink(getDb(), getSmartcar(), getLinkSigning().key, parsed.data.token, parsed.data.vehicleId);
  if (!result.ok) redirect(`/r/refused?reason=${result.reason}`);
  redirect(result.url);
}
