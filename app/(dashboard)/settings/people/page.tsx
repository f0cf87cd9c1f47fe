import { MailPlus, Users } from "lucide-react";
import type { Metadata } from "next";
import { connection } from "next/server";
import { InviteForm } from "@/components/auth/invite-form";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireRole } from "@/lib/auth/guards";
import { DEFAULT_INVITATION_LIFETIME_HOURS, INVITATION_LIFETIMES_HOURS, listInvitations, type InvitationListItem, type InvitationState } from "@/lib/auth/invitations";
import { INVITABLE_ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { listUsers, type UserListItem } from "@/lib/auth/users";
import { cn } from "@/lib/cn";
import { getDb } from "@/lib/db";
import { revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "People" };

const STATE_STYLES: Record<InvitationState, string> = {
  pending: "bg-brand-50 text-brand-700 ring-brand-500/30 dark:bg-brand-500/10 dark:text-brand-100",
  accepted: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300",
  expired: "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-400",
  revoked: "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-400",
};

function Badge({ className, children }: { className: string; children: React.ReactNode }) {
  return <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", className)}>{children}</span>;
}

export default async function PeoplePage() {
  await connection();
  const manager = await requireRole("manager");
  const db = getDb();
  const [people, invitations] = await Promise.all([listUsers(db), listInvitations(db)]);

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone who can sign in, and invitations for vehicle owners and viewers. An invitation link works once and expires."
        actions={<ButtonLink href="/settings" variant="secondary">Back to settings</ButtonLink>}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Invite someone" description="Owners see only the vehicles they connect; viewers see the whole fleet read-only." />
          <div className="px-5 py-5">
            <InviteForm roles={INVITABLE_ROLES} lifetimesHours={INVITATION_LIFETIMES_HOURS} defaultLifetimeHours={DEFAULT_INVITATION_LIFETIME_HOURS} />
          </div>
        </Card>

        <Card>
          <CardHeader title="People" description={`${people.length} ${people.length === 1 ? "account" : "accounts"}`} />
          {people.length === 0 ? (
            <EmptyState icon={Users} title="Nobody yet" description="Invite owners and viewers above." />
          ) : (
            <DataTable<UserListItem>
              caption="People who can sign in"
              rows={people}
              rowKey={(person) => person.id}
              columns={[
                {
                  header: "Email",
                  cell: (person) => (
                    <span className="font-medium text-slate-900 dark:text-slate-100">
                      {person.email}
                      {person.id === manager.id ? <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span> : null}
                    </span>
                  ),
                },
                { header: "Name", cell: (person) => person.name ?? <span className="text-slate-500 dark:text-slate-400">—</span> },
                { header: "Role", cell: (person) => ROLE_LABELS[person.role] },
                { header: "Joined", cell: (person) => <RelativeTime date={person.createdAt} /> },
              ]}
            />
          )}
        </Card>

        <Card>
          <CardHeader title="Invitations" description="The 50 most recent. Links can't be shown again; create a new one if it was lost." />
          {invitations.length === 0 ? (
            <EmptyState icon={MailPlus} title="No invitations yet" description="Invitations you create appear here until they are used, expire or are withdrawn." />
          ) : (
            <DataTable<InvitationListItem>
              caption="Invitations"
              rows={invitations}
              rowKey={(invitation) => invitation.id}
              columns={[
                { header: "Email", cell: (invitation) => <span className="font-medium text-slate-900 dark:text-slate-100">{invitation.email}</span> },
                { header: "Role", cell: (invitation) => ROLE_LABELS[invitation.role] },
                {
                  header: "Status",
                  cell: (invitation) => <Badge className={STATE_STYLES[invitation.state]}>{invitation.state[0]!.toUpperCase() + invitation.state.slice(1)}</Badge>,
                },
                {
                  header: "Expires",
                  cell: (invitation) => (invitation.state === "pending" || invitation.state === "expired" ? <RelativeTime date={invitation.expiresAt} /> : <span className="text-slate-500 dark:text-slate-400">—</span>),
                },
                { header: "Invited by", cell: (invitation) => invitation.invitedByEmail ?? <span className="text-slate-500 dark:text-slate-400">—</span> },
                {
                  header: "Actions",
                  cell: (invitation) =>
                    invitation.state === "pending" ? (
                      <form action={revokeInvitationAction}>
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="rounded-md px-2 py-1 text-sm font-medium text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-500/10" aria-label={`Withdraw the invitation for ${invitation.email}`}>
                          Withdraw
                        </button>
                      </form>
                    ) : null,
                },
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
