import type { InvitationLookup } from "@/lib/auth/invitations";

type UnusableState = Exclude<InvitationLookup["state"], "pending">;

/** What a person opening an unusable invitation link is told, and what to do about it. */
export const UNUSABLE_INVITATION_MESSAGES: Record<UnusableState, { title: string; message: string }> = {
  accepted: { title: "This invitation was already used", message: "Each link works once. If it was you, sign in with the email it was sent to." },
  expired: { title: "This invitation has expired", message: "Ask the manager who invited you for a new link." },
  revoked: { title: "This invitation was withdrawn", message: "A manager withdrew it or sent a newer one. Ask them for the latest link." },
  "not-found": { title: "This invitation link doesn't work", message: "Check that you opened the whole link, or ask the manager who invited you for a new one." },
};
