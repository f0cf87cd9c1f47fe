"use client";

import { Check, Copy } from "lucide-react";
import { useActionState, useState } from "react";
import { createInvitationAction, type InviteFormState } from "@/app/(dashboard)/settings/people/actions";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type InvitableRole } from "@/lib/auth/roles";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

const INITIAL: InviteFormState = { status: "idle" };

const selectClass =
  "mt-1.5 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 sm:text-sm dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";

function CreatedLink({ state }: { state: Extract<InviteFormState, { status: "created" }> }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-lg bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200 dark:bg-emerald-500/10 dark:ring-emerald-500/30" data-testid="invitation-created">
      <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">
        Invitation for {state.email} ready. Send them this link; it works once and expires{" "}
        {new Date(state.expiresAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}. It is shown only now.
      </p>
      <div className="mt-3 flex gap-2">
        <label htmlFor="invitation-link" className="sr-only">
          Invitation link
        </label>
        <input
          id="invitation-link"
          readOnly
          value={state.link}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 dark:border-emerald-500/40 dark:bg-slate-950 dark:text-slate-100"
          data-testid="invitation-link"
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(state.link);
            setCopied(true);
          }}
          className="inline-flex shrink-0 items-center gap-1.5 rounded-md bg-emerald-600 px-3 py-2 text-sm font-medium text-white hover:bg-emerald-700"
        >
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
    </div>
  );
}

export function InviteForm({ roles, lifetimesHours, defaultLifetimeHours }: { roles: readonly InvitableRole[]; lifetimesHours: readonly number[]; defaultLifetimeHours: number }) {
  const [state, formAction] = useActionState(createInvitationAction, INITIAL);
  const errors = state.status === "error" ? state : undefined;
  return (
    <div className="space-y-5">
      {state.status === "created" ? <CreatedLink key={state.link} state={state} /> : null}
      <form action={formAction} className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start" noValidate>
        <div className="sm:col-span-4">
          <FormAlert message={errors?.error} />
        </div>
        <FormField label="Email" name="email" type="email" autoComplete="off" required defaultValue={errors?.values.email} error={errors?.fieldErrors?.email} />
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            Role
          </label>
          <select id="invite-role" name="role" defaultValue="owner" className={selectClass}>
            {roles.map((role) => (
              <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="invite-lifetime" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            Link expires after
          </label>
          <select id="invite-lifetime" name="lifetimeHours" defaultValue={defaultLifetimeHours} className={selectClass}>
            {lifetimesHours.map((hours) => (
              <option key={hours} value={hours}>
                {hours < 48 ? `${hours} hours` : `${hours / 24} days`}
              </option>
            ))}
          </select>
        </div>
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Creating…" className="sm:w-auto sm:py-2">
            Create invitation link
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
