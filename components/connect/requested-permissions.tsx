import { KeyRound } from "lucide-react";
import type { RequestedPermission } from "@/lib/smartcar/permissions";

/** What Connect will ask the owner to allow, and why Fleetdeck wants each: shown before Smartcar's own screen. */
export function RequestedPermissions({ permissions }: { permissions: RequestedPermission[] }) {
  return (
    <section aria-labelledby="requested-permissions-heading" data-testid="requested-permissions">
      <h2 id="requested-permissions-heading" className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
        <KeyRound aria-hidden className="size-4 text-brand-600 dark:text-brand-300" />
        What Smartcar will ask you to allow, and why
      </h2>
      <ul className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {permissions.map((entry) => (
          <li key={entry.permission} className="py-2.5" data-permission={entry.permission}>
            <p className="flex flex-wrap items-center gap-x-2">
              <span className="font-medium text-slate-900 dark:text-slate-100">{entry.features.join(", ") || "Required by this installation"}</span>
              <code className="text-xs text-slate-500 dark:text-slate-400">{entry.permission}</code>
              {entry.required ? (
                <span data-required className="text-xs font-medium text-amber-800 dark:text-amber-300">
                  required
                </span>
              ) : null}
            </p>
            <p className="mt-0.5 text-slate-600 dark:text-slate-400">
              {entry.reasons.join(" ") || "Asked for by the administrator's configuration (SMARTCAR_SCOPE)."}
            </p>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Untick any permission that is not required; the features that need it simply stay empty.</p>
    </section>
  );
}
