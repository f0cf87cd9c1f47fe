"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { createInvitation, INVITATION_LIFETIMES_HOURS, invitationPath, revokeInvitation } from "@/lib/auth/invitations";
import { INVITABLE_ROLES } from "@/lib/auth/roles";
import { EmailTakenError } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { auditRequest } from "@/lib/audit/request";
import { getDb } from "@/lib/db";

export type InviteFormState =
  | { status: "idle" }
  | { status: "error"; error?: string; fieldErrors?: Partial<Record<"email" | "role" | "lifetimeHours", string>>; values: { email: string } }
  | { status: "created"; email: string; role: string; link: string; expiresAt: string };

const inviteForm = z.object({
  email: z.email("Enter a valid email address.").max(320),
  role: z.enum(INVITABLE_ROLES, { error: "Choose owner or viewer." }),
  lifetimeHours: z.coerce.number().pipe(z.literal([...INVITATION_LIFETIMES_HOURS], { error: "Choose how long the link works." })),
});

export async function createInvitationAction(_previous: InviteFormState, formData: FormData): Promise<InviteFormState> {
  const manager = await requireRole("manager");
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = inviteForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors: Partial<Record<"email" | "role" | "lifetimeHours", string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as "email" | "role" | "lifetimeHours";
      fieldErrors[field] ??= issue.message;
    }
    return { status: "error", fieldErrors, values };
  }
  try {
    const invitation = await createInvitation(getDb(), { ...parsed.data, invitedBy: manager.id });
    await auditRequest({ action: "invitation.create", target: { type: "invitation", label: invitation.email }, details: { role: invitation.role, expiresAt: invitation.expiresAt.toISOString() } });
    revalidatePath("/settings/people");
    return {
      status: "created",
      email: invitation.email,
      role: invitation.role,
      link: `${getConfig().appUrl}${invitationPath(invitation.token)}`,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  } catch (error) {
    if (error instanceof EmailTakenError) return { status: "error", fieldErrors: { email: "This person already has an account." }, values };
    throw error;
  }
}

export async function revokeInvitationAction(formData: FormData): Promise<void> {
  await requireRole("manager");
  const id = z.uuid().safeParse(formData.get("invitationId"));
  if (!id.success) return;
  await revokeInvitation(getDb(), id.data);
  await auditRequest({ action: "invitation.revoke", target: { type: "invitation", id: id.data } });
  revalidatePath("/settings/people");
}
