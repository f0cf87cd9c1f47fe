"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { UNUSABLE_INVITATION_MESSAGES } from "@/components/auth/invitation-messages";
import { signIn, signOut } from "@/lib/auth/auth";
import { OIDC_PROVIDER_ID } from "@/lib/auth/auth-config";
import { safeCallbackPath, type FormState } from "@/lib/auth/form-state";
import { acceptInvitation, InvitationUnusableError } from "@/lib/auth/invitations";
import { passwordProblem } from "@/lib/auth/passwords";
import { createFirstManager, EmailTakenError, SetupAlreadyDoneError } from "@/lib/auth/users";
import { auditRequest } from "@/lib/audit/request";
import { getDb } from "@/lib/db";

const SIGN_IN_FAILED = "Email or password is incorrect.";
const RATE_LIMITED = "Too many failed sign-ins. Wait 15 minutes and try again, or ask a manager for help.";

/** Signs in with Auth.js and maps its refusal to a form message; a success redirects (throws), so it never returns. */
async function signInWithCredentials(email: string, password: string, redirectTo: string): Promise<FormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error ? error.code : undefined;
      return { error: code === "rate_limited" ? RATE_LIMITED : SIGN_IN_FAILED };
    }
    throw error;
  }
  return {};
}

const signInForm = z.object({
  email: z.string().trim().min(1, "Enter your email."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const { email, password, callbackUrl } = parsed.data;
  return signInWithCredentials(email, password, safeCallbackPath(callbackUrl));
}

export async function signInWithSsoAction(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

const newPassword = z
  .string()
  .superRefine((value, context) => {
    const problem = passwordProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

const accountForm = z
  .object({
    name: z.string().trim().max(120, "Use at most 120 characters."),
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((form) => form.password === form.confirmPassword, { path: ["confirmPassword"], message: "The passwords don't match." });

const setupForm = accountForm.and(z.object({ email: z.email("Enter a valid email address.").max(320) }));

export async function setupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = keptValues(formData, ["name", "email"]);
  const parsed = setupForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    const manager = await createFirstManager(getDb(), parsed.data);
    await auditRequest({ action: "setup.first_manager", actor: { type: "user", id: manager.id, label: manager.email }, target: { type: "user", id: manager.id, label: manager.email } });
  } catch (error) {
    if (error instanceof SetupAlreadyDoneError) redirect("/sign-in");
    if (error instanceof EmailTakenError) return { fieldErrors: { email: "An account with this email already exists." }, values };
    throw error;
  }
  return signInWithCredentials(parsed.data.email, parsed.data.password, "/");
}

const acceptForm = accountForm.and(z.object({ token: z.string() }));


export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = keptValues(formData, ["name"]);
  const parsed = acceptForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  let email: string;
  try {
    ({ email } = await acceptInvitation(getDb(), parsed.data));
    await auditRequest({ action: "invitation.accept", actor: { type: "anonymous", label: email }, target: { type: "user", label: email } });
  } catch (error) {
    if (error instanceof InvitationUnusableError) {
      const { title, message } = UNUSABLE_INVITATION_MESSAGES[error.state];
      return { error: `${title}. ${message}` };
    }
    if (error instanceof EmailTakenError) return { error: "An account with this email already exists. Sign in instead." };
    throw error;
  }
  return signInWithCredentials(email, parsed.data.password, "/");
}

function keptValues(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(formData.get(name) ?? "")]));
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return fieldErrors;
}
