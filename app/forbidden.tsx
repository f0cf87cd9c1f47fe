import { ShieldX } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { Logo } from "@/components/shell/logo";

/** Rendered with a 403 when `requireRole` (lib/auth/guards) refuses the signed-in user's role. */
export default function Forbidden() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center" data-testid="forbidden-page">
      <Logo />
      <div className="mt-10 flex size-14 items-center justify-center rounded-full bg-amber-50 text-amber-600 dark:bg-amber-500/10 dark:text-amber-400">
        <ShieldX className="size-7" aria-hidden />
      </div>
      <p className="mt-6 text-sm font-semibold text-brand-600 dark:text-brand-300">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">You don&rsquo;t have access to this page</h1>
      <p className="mt-3 max-w-md text-slate-600 dark:text-slate-400">
        Your role doesn&rsquo;t allow it. If you need access, ask a fleet manager.
      </p>
      <div className="mt-8 flex gap-3">
        <ButtonLink href="/">Back to Fleetdeck</ButtonLink>
      </div>
    </main>
  );
}
