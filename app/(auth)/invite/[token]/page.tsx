import { MailCheck, MailX } from "lucide-react";
import type { Metadata } from "next";
import { connection } from "next/server";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { AuthCard } from "@/components/auth/auth-card";
import { UNUSABLE_INVITATION_MESSAGES } from "@/components/auth/invitation-messages";
import { ButtonLink } from "@/components/ui/button";
import { getDb } from "@/lib/db";
import { lookUpInvitation } from "@/lib/auth/invitations";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";

// The token is in the URL: never hand it to another site through the Referer header.
export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer", robots: { index: false } };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const invitation = await lookUpInvitation(getDb(), token);

  if (invitation.state !== "pending") {
    const { title, message } = UNUSABLE_INVITATION_MESSAGES[invitation.state];
    return (
      <AuthCard icon={MailX} title={title} description={message}>
        <ButtonLink href="/sign-in" variant="secondary" className="w-full">
          Go to sign in
        </ButtonLink>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      icon={MailCheck}
      title="You're invited to Fleetdeck"
      description={
        <>
          You&rsquo;ll join as <strong className="font-semibold text-slate-900 dark:text-white">{ROLE_LABELS[invitation.role].toLowerCase()}</strong>:{" "}
          {ROLE_DESCRIPTIONS[invitation.role].toLowerCase()}. Choose a password to finish.
        </>
      }
    >
      <AcceptInvitationForm token={token} email={invitation.email} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </AuthCard>
  );
}
