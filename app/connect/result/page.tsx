import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import { Logo } from "@/components/shell/logo";
import { ButtonLink } from "@/components/ui/button";
import { describeConnectError } from "@/lib/smartcar";

export const metadata: Metadata = { title: "Connecting your vehicle" };

const STATE_PROBLEMS: Record<string, string> = {
  missing: "The answer from Smartcar did not say which connection attempt it belonged to.",
  unknown: "The link you came back with does not belong to any connection attempt of ours.",
  used: "This connection attempt was already completed. A link can only be used once.",
  expired: "This connection attempt took too long and expired.",
  other_user: "This connection attempt was started by a different account than the one you are signed in with.",
};

function explain(params: Record<string, string | undefined>): { title: string; body: string; hint?: string } {
  const error = params.error ?? "server_error";
  if (error === "invalid_state") {
    return {
      title: "We could not complete this connection",
      body: STATE_PROBLEMS[params.reason ?? ""] ?? STATE_PROBLEMS.unknown!,
      hint: "Nothing was saved. Start again from Fleetdeck to connect your vehicle.",
    };
  }
  if (error === "invalid_redirect") {
    return { title: "Smartcar sent back an answer we did not expect", body: "Nothing was saved.", hint: "Please start again." };
  }
  if (error === "smartcar_error") {
    return {
      title: "Smartcar could not reach your vehicle",
      body: params.description ?? "Smartcar reported an error while we loaded your vehicle.",
      hint: "Your consent was received. Try again in a few minutes.",
    };
  }
  const entry = describeConnectError(error);
  const details = [params.error_message, params.make ? `Vehicle make: ${params.make}` : undefined].filter(Boolean).join(" · ");
  return { title: entry.title, body: entry.ownerAction, hint: details || entry.meaning };
}

export default async function ConnectResultPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const { title, body, hint } = explain(params);
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-5 py-10 text-center" data-testid="connect-result" data-error={params.error}>
      <Logo />
      <div className="mt-10 flex size-14 items-center justify-center rounded-full bg-amber-50 text-amber-600 dark:bg-amber-500/10">
        <CircleAlert className="size-7" aria-hidden />
      </div>
      <h1 className="mt-6 max-w-lg text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-3 max-w-md text-slate-700 dark:text-slate-300">{body}</p>
      {hint ? <p className="mt-2 max-w-md text-sm text-slate-500 dark:text-slate-400">{hint}</p> : null}
      <div className="mt-8 flex flex-col gap-3 sm:flex-row">
        <ButtonLink href="/connect">Try again</ButtonLink>
        <ButtonLink href="/vehicles" variant="secondary">Back to my vehicles</ButtonLink>
      </div>
    </main>
  );
}
