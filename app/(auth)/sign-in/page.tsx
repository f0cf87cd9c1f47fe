import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInWithSsoAction } from "@/app/(auth)/actions";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { safeCallbackPath } from "@/lib/auth/form-state";
import { getSessionUser } from "@/lib/auth/guards";
import { managerExists } from "@/lib/auth/users";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo/accounts";

export const metadata: Metadata = { title: "Sign in" };

/** Errors Auth.js (or our SSO check) sends back here as ?error=…, in words a person can act on. */
function errorMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === "sso_no_account") return "No Fleetdeck account uses the email your sign-on provider gave. Ask a manager to invite that address.";
  if (code === "CredentialsSignin") return "Email or password is incorrect.";
  if (code === "Configuration") return "Sign-in is misconfigured on this server. Ask whoever runs Fleetdeck to check the logs.";
  return "Sign-in did not complete. Please try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getSessionUser()) redirect(callbackUrl);
  if (!(await managerExists(getDb()))) redirect("/setup");

  const config = getConfig();
  const demoAccounts = config.demo ? DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role, password: DEMO_PASSWORD })) : [];

  return (
    <AuthCard title="Sign in to Fleetdeck" description="Use the email and password you were invited with.">
      <SignInForm callbackUrl={callbackUrl} demoAccounts={demoAccounts} initialError={errorMessage(typeof params.error === "string" ? params.error : undefined)} />
      {config.oidc ? (
        <form action={signInWithSsoAction} className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-800">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            className="w-full rounded-md bg-white px-3.5 py-2.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
          >
            Sign in with single sign-on
          </button>
        </form>
      ) : null}
    </AuthCard>
  );
}
