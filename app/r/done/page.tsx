import { CircleCheck } from "lucide-react";
import type { Metadata } from "next";
import { Logo } from "@/components/shell/logo";
import { APP_NAME } from "@/lib/reauth/message-template";

export const metadata: Metadata = { title: "Car reconnected", robots: { index: false, follow: false } };

export default function ReconnectDonePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-5 py-10 text-center" data-testid="reconnect-done">
      <Logo />
      <div className="mt-10 flex size-14 items-center justify-center rounded-full bg-emerald-50 text-emerald-600 dark:bg-emerald-500/10">
        <CircleCheck className="size-7" aria-hidden />
      </div>
      <h1 className="mt-6 text-2xl font-semibold tracking-tight">Your car is reconnected</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">Thank you. {APP_NAME} can reach your car again; you can close this page.</p>
    </main>
  );
}
