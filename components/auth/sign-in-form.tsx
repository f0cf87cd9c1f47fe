"use client";

import { useActionState, useState } from "react";
import { signInAction } from "@/app/(auth)/actions";
import { EMPTY_FORM_STATE } from "@/lib/auth/form-state";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

export interface DemoAccountHint {
  email: string;
  role: Role;
  password: string;
}

export function SignInForm({ callbackUrl, demoAccounts, initialError }: { callbackUrl: string; demoAccounts: DemoAccountHint[]; initialError?: string }) {
  const [state, formAction] = useActionState(signInAction, EMPTY_FORM_STATE);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const error = state === EMPTY_FORM_STATE ? initialError : state.error;

  return (
    <>
      <form action={formAction} className="space-y-5" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormAlert message={error} />
        <FormField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={state.fieldErrors?.email}
        />
        <FormField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={state.fieldErrors?.password}
        />
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </form>

      {demoAccounts.length > 0 ? (
        <section aria-labelledby="demo-accounts-heading" className="mt-8 rounded-lg border border-dashed border-brand-500/40 bg-brand-50/60 p-4 dark:bg-brand-500/5" data-testid="demo-accounts">
          <h2 id="demo-accounts-heading" className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            Demo accounts
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            This instance runs in demo mode. Every account uses the password <code className="font-mono text-slate-900 dark:text-slate-100">{demoAccounts[0]!.password}</code>.
          </p>
          <ul className="mt-3 space-y-2">
            {demoAccounts.map((account) => (
              <li key={account.email} className="flex items-center justify-between gap-3">
                <span className="min-w-0">
                  <span className="block truncate font-mono text-sm text-slate-900 dark:text-slate-100">{account.email}</span>
                  <span className="text-xs text-slate-500 dark:text-slate-400">{ROLE_LABELS[account.role]}</span>
                </span>
                <button
                  type="button"
                  onClick={() => {
                    setEmail(account.email);
                    setPassword(account.password);
                  }}
                  className="shrink-0 rounded-md px-2.5 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-inset ring-brand-500/40 hover:bg-brand-100 dark:text-brand-100 dark:hover:bg-brand-500/15"
                  aria-label={`Fill in the ${ROLE_LABELS[account.role].toLowerCase()} demo account`}
                >
                  Use
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
