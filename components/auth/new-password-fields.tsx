import { FormField } from "./form-field";

export function NewPasswordFields({ minLength, errors }: { minLength: number; errors?: Partial<Record<string, string>> }) {
  return (
    <>
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        hint={`At least ${minLength} characters.`}
        error={errors?.password}
      />
      <FormField label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors?.confirmPassword} />
    </>
  );
}
