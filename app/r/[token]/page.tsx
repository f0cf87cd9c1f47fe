import { Car } from "lucide-react";
import type { Metadata } from "next";
import { SubmitButton } from "@/components/auth/submit-button";
import { LinkRefusalPage } from "@/components/reauth/link-refusal";
import { Logo } from "@/components/shell/logo";
import { getDb } from "@/lib/db";
import { openReconnectLink } from "@/lib/reauth/links";
import { getLinkSigning } from "@/lib/reauth/mailer";
import { APP_NAME } from "@/lib/reauth/message-template";
import { startReconnectFromLinkAction } from "./actions";

export const metadata: Metadata = { title: "Reconnect your car", robots: { index: false, follow: false } };

/** Public, mobile-first: what happened to the owner's car and one button into Smartcar's re-authentication. */
export default async function ReconnectLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const resolved = await openReconnectLink(getDb(), getLinkSigning().key, decodeURIComponent(token));
  if (!resolved.ok) return <LinkRefusalPage reason={resolved.reason} />;
  const { link, vehicle } = resolved;
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col px-5 py-8" data-testid="reconnect-link">
      <Logo />
      <div className="mt-8 flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-600 dark:bg-brand-500/10">
        <Car className="size-6" aria-hidden />
      </div>
      <h1 className="mt-5 text-2xl font-semibold tracking-tight">Reconnect your {vehicle.make}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        {vehicle.year} {vehicle.make} {vehicle.model}
        {vehicle.nickname ? ` · ${vehicle.nickname}` : ""}
      </p>
      <p className="mt-5 rounded-lg bg-slate-50 p-4 text-slate-800 ring-1 ring-inset ring-slate-200 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-800" data-testid="reconnect-reason">
        {link.reason}
      </p>
      <p className="mt-5 text-sm text-slate-600 dark:text-slate-400">
        You will sign in to your {vehicle.make} account on Smartcar&apos;s secure page. It takes about a minute, and you don&apos;t need a {APP_NAME} password.
      </p>
      <form action={startReconnectFromLinkAction} className="mt-6">
        <input type="hidden" name="token" value={decodeURIComponent(token)} />
        <input type="hidden" name="vehicleId" value={vehicle.id} />
        <SubmitButton pendingLabel="Opening Smartcar…" className="py-3 text-base">
          Reconnect my {vehicle.make}
        </SubmitButton>
      </form>
      <p className="mt-4 text-center text-xs text-slate-500 dark:text-slate-400">This link works for this car only and expires {link.expiresAt.toLocaleDateString("en-GB", { day: "numeric", month: "long", timeZone: "UTC" })}.</p>
    </main>
  );
}
