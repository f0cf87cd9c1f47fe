import { MapPinOff } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { Logo } from "@/components/shell/logo";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <Logo />
      <div className="mt-10 flex size-14 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <MapPinOff className="size-7" aria-hidden />
      </div>
      <p className="mt-6 text-sm font-semibold text-brand-600 dark:text-brand-300">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">This page took a wrong turn</h1>
      <p className="mt-3 max-w-md text-slate-600 dark:text-slate-400">
        The page you asked for does not exist, or you do not have access to it.
      </p>
      <div className="mt-8 flex gap-3">
        <ButtonLink href="/fleet">Back to the fleet</ButtonLink>
      </div>
    </main>
  );
}
