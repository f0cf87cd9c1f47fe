import { CircleAlert } from "lucide-react";
import { Logo } from "@/components/shell/logo";
import type { LinkRefusal } from "@/lib/reauth/links";

const REFUSALS: Record<LinkRefusal, { title: string; body: string }> = {
  tampered: {
    title: "This link is not valid",
    body: "The link was changed or cut short on its way to you. Open it again from the original message, or ask your fleet manager for a new one.",
  },
  unknown: { title: "This link is not valid", body: "We have no record of this link. Ask your fleet manager for a new one." },
  expired: { title: "This link has expired", body: "Reconnect links only work for a limited time. Ask your fleet manager to send you a new one." },
  used: { title: "This link was already used", body: "The car it was for has been reconnected, so there is nothing more to do. Links work only once." },
  other_vehicle: {
    title: "This link is for a different car",
    body: "Each reconnect link works for one car only. Use the link you received for this car, or ask your fleet manager for one.",
  },
};

export function isLinkRefusal(value: string | undefined): value is LinkRefusal {
  return value !== undefined && value in REFUSALS;
}

/** The clear "no" a reconnect link gets when it cannot be used. */
export function LinkRefusalPage({ reason }: { reason: LinkRefusal }) {
  const { title, body } = REFUSALS[reason];
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-5 py-10 text-center" data-testid="link-refused" data-reason={reason}>
      <Logo />
      <div className="mt-10 flex size-14 items-center justify-center rounded-full bg-amber-50 text-amber-600 dark:bg-amber-500/10">
        <CircleAlert className="size-7" aria-hidden />
      </div>
      <h1 className="mt-6 text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">{body}</p>
    </main>
  );
}
