"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auditRequest } from "@/lib/audit/request";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import type { CampaignSelection } from "@/lib/db/schema";
import { CampaignError, createCampaign, sendCampaignReminders } from "@/lib/reauth/campaigns";
import { flushOutbox, getLinkSigning, getMailer } from "@/lib/reauth/mailer";

const campaignInput = z.object({
  name: z.string().trim().min(3, "Give the campaign a name.").max(120),
  reason: z.enum(["oem_migration", "credential_reset", "other"]),
  message: z.string().trim().min(10, "Write the message owners will read (at least a sentence).").max(2000),
  deadline: z.iso.date("Pick a deadline."),
  selectionKind: z.enum(["all", "make", "error"]),
  make: z.string().trim().max(60).optional(),
  errorKey: z.string().trim().max(120).optional(),
});

export interface CampaignFormState {
  error: string | null;
}

function selectionFrom(input: z.infer<typeof campaignInput>): CampaignSelection | string {
  if (input.selectionKind === "all") return { kind: "all" };
  if (input.selectionKind === "make") return input.make ? { kind: "make", make: input.make } : "Pick a make.";
  if (!input.errorKey) return "Pick an error code.";
  const [type, code] = input.errorKey.split(":", 2) as [string, string | undefined];
  return { kind: "error", type, code: code ? code : null };
}

export async function createCampaignAction(_previous: CampaignFormState, formData: FormData): Promise<CampaignFormState> {
  const user = await requireRole("manager");
  const parsed = campaignInput.safeParse({
    name: formData.get("name"),
    reason: formData.get("reason"),
    message: formData.get("message"),
    deadline: formData.get("deadline"),
    selectionKind: formData.get("selectionKind"),
    make: formData.get("make") || undefined,
    errorKey: formData.get("errorKey") || undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form." };
  const selection = selectionFrom(parsed.data);
  if (typeof selection === "string") return { error: selection };
  // The deadline is a day: the links work until the end of it (UTC).
  const deadline = new Date(`${parsed.data.deadline}T23:59:59.000Z`);
  let campaignId: string;
  try {
    const { campaign } = await createCampaign(
      getDb(),
      { signing: getLinkSigning(), mailerConfigured: getMailer() !== null },
      { name: parsed.data.name, reason: parsed.data.reason, message: parsed.data.message, deadline, selection, createdBy: user.id },
    );
    campaignId = campaign.id;
    await auditRequest({ action: "campaign.create", target: { type: "campaign", id: campaign.id, label: campaign.name }, details: { reason: campaign.reason, selection: campaign.selection, deadline: campaign.deadline.toISOString() } });
  } catch (error) {
    if (error instanceof CampaignError) return { error: error.message };
    throw error;
  }
  await flushOutbox();
  revalidatePath("/migration");
  redirect(`/migration/${campaignId}`);
}

export interface ReminderState {
  error: string | null;
  sent: number | null;
}

export async function sendRemindersAction(_previous: ReminderState, formData: FormData): Promise<ReminderState> {
  await requireRole("manager");
  const campaignId = z.uuid().safeParse(formData.get("campaignId"));
  if (!campaignId.success) return { error: "Unknown campaign.", sent: null };
  try {
    const sent = await sendCampaignReminders(getDb(), { signing: getLinkSigning(), mailerConfigured: getMailer() !== null }, campaignId.data);
    await auditRequest({ action: "campaign.remind", target: { type: "campaign", id: campaignId.data }, details: { reminders: sent } });
    await flushOutbox();
    revalidatePath(`/migration/${campaignId.data}`);
    return { error: null, sent };
  } catch (error) {
    if (error instanceof CampaignError) return { error: error.message, sent: null };
    throw error;
  }
}
