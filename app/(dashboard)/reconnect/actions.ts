"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auditRequest } from "@/lib/audit/request";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { ReconnectLinkError } from "@/lib/reauth/links";
import { flushOutbox, getLinkSigning, getMailer } from "@/lib/reauth/mailer";
import { ReconnectStartError, startVehicleReconnect } from "@/lib/reauth/reconnect";
import { sendReconnectLink } from "@/lib/reauth/send-link";
import { getSmartcar } from "@/lib/smartcar";

const vehicleInput = z.object({ vehicleId: z.uuid() });

/** "Reconnect" in the banner or on the Reconnect page: straight into Smartcar's re-authentication. */
export async function startReconnectAction(formData: FormData): Promise<void> {
  const user = await requireRole("owner", "manager");
  const parsed = vehicleInput.safeParse({ vehicleId: formData.get("vehicleId") });
  if (!parsed.success) redirect("/reconnect?error=invalid");
  let url: string;
  try {
    url = await startVehicleReconnect(getDb(), getSmartcar(), user, parsed.data.vehicleId);
    await auditRequest({ action: "connect.start", target: { type: "vehicle", id: parsed.data.vehicleId }, vehicleId: parsed.data.vehicleId, details: { purpose: "reauthenticate" } });
  } catch (error) {
    if (error instanceof ReconnectStartError) redirect(`/reconnect?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(url);
}

export interface SendLinkState {
  error: string | null;
  sentTo: string | null;
}

/** A manager sends the owner a reconnect link (outbox, and email when SMTP is configured). */
export async function sendReconnectLinkAction(_previous: SendLinkState, formData: FormData): Promise<SendLinkState> {
  const user = await requireRole("manager");
  const parsed = vehicleInput.safeParse({ vehicleId: formData.get("vehicleId") });
  if (!parsed.success) return { error: "Pick a vehicle.", sentTo: null };
  try {
    const { message } = await sendReconnectLink(getDb(), { signing: getLinkSigning(), mailerConfigured: getMailer() !== null }, { vehicleId: parsed.data.vehicleId, createdBy: user.id });
    await auditRequest({ action: "reconnect_link.send", target: { type: "vehicle", id: parsed.data.vehicleId, label: message.toEmail }, vehicleId: parsed.data.vehicleId });
    await flushOutbox();
    revalidatePath("/reconnect");
    return { error: null, sentTo: message.toEmail };
  } catch (error) {
    if (error instanceof ReconnectLinkError) return { error: error.message, sentTo: null };
    throw error;
  }
}
