"use client";

import { useActionState } from "react";
import { setupAction } from "@/app/(auth)/actions";
import { EMPTY_FORM_STATE } from "@/lib/auth/form-state";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { NewPasswordFields } from "./new-password-fields";
import { SubmitButton } from "./submit-button";

export function SetupForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [state, formAction] = useActionState(setupAction, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormAlert message={state.error} />
      <FormField label="Name" name="name" defaultValue={state.values?.name} autoComplete="name" hint="Optional; shown to people you invite." error={state.fieldErrors?.name} />
      <FormField label="Email" name="email" defaultValue={state.values?.email} type="email" autoComplete="username" inputMode="email" autoCapitalize="none" spellCheck={false} required autoFocus error={state.fieldErrors?.email} />
      <NewPasswordFields minLength={minPasswordLength} errors={state.fieldErrors} />
      <SubmitButton pendingLabel="Creating account…">Create manager account</SubmitButton>
    </form>
  );
}
