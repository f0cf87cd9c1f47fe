import { CircleAlert } from "lucide-react";

/** The form-level error. A live region with its own test id (Next's route announcer is also role=alert). */
export function FormAlert({ message }: { message?: string }) {
  return (
    <div aria-live="polite" data-testid="form-error">
      {message ? (
        <p className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-inset ring-red-200 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/30">
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}
