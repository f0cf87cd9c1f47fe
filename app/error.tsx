"use client";

import { TriangleAlert } from "lucide-react";
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center px-6 text-center" data-testid="error-page">
      <div className="flex size-14 items-center justify-center rounded-full bg-red-50 text-red-600 dark:bg-red-500/10">
        <TriangleAlert className="size-7" aria-hidden />
      </div>
      <h1 className="mt-6 text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-3 max-w-md text-slate-600 dark:text-slate-400">
        Fleetdeck could not load this page. This is usually temporary: the database or Smartcar may be unreachable for a moment.
      </p>
      {error.digest ? (
        <p className="mt-2 font-mono text-xs text-slate-500 dark:text-slate-400">Reference: {error.digest}</p>
      ) : null}
      <div className="mt-8 flex gap-3">
        <Button onClick={reset}>Try again</Button>
        <ButtonLink href="/fleet" variant="secondary">Back to the fleet</ButtonLink>
      </div>
    </main>
  );
}
