"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/(auth)/actions";
import { EMPTY_FORM_STATE } from "@/lib/auth/form-state";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { NewPasswordFields } from "./new-password-fields";
import { SubmitButton } from "./submit-button";

export function AcceptInvitationForm({ token, email, minPasswordLength }: { token: string; email: string; minPasswordLength: number }) {
  const [state, formAction] = useActionState(acceptInvitationAction, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormAlert message={state.error} />
      <FormField label="Email" name="email" type="email" value={email} readOnly disabled autoComplete="username" hint="The address this invitation was sent to." />
      <FormField label="Name" name="name" defaultValue={state.values?.name} autoComplete="name" autoFocus hint="Optional; shown to managers." error={state.fieldErrors?.name} />
      <NewPasswordFields minLength={minPasswordLength} errors={state.fieldErrors} />
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
