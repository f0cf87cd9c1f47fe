"use client";

import { useActionState } from "react";
import { acknowledgeErrorsAction, type AcknowledgeState } from "@/app/(dashboard)/errors/actions";
import { SubmitButton } from "@/components/auth/submit-button";
import { fieldClass } from "@/components/ui/input";

const initial: AcknowledgeState = { error: null, closed: null };

/** Close a group's errors by hand: tick the vehicles, say why. */
export function AcknowledgeForm({ groupKey, vehicles }: { groupKey: string; vehicles: { errorId: string; label: string }[] }) {
  const [state, action] = useActionState(acknowledgeErrorsAction, initial);
  return (
    <form action={action} className="space-y-3" data-testid={`acknowledge-${groupKey}`}>
      <fieldset className="space-y-1">
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Vehicles to close</legend>
        {vehicles.map((vehicle) => (
          <label key={vehicle.errorId} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="errorId" value={vehicle.errorId} defaultChecked={vehicles.length === 1} />
            {vehicle.label}
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">Note</span>
        <textarea name="note" required rows={2} className={`${fieldClass} mt-1 px-3`} placeholder="Why this can be closed (kept in the history)" />
      </label>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Closing…" variant="secondary" className="w-auto py-1.5">
          Acknowledge
        </SubmitButton>
        <span aria-live="polite" className="text-xs">
          {state.closed !== null ? <span className="text-emerald-700 dark:text-emerald-300">Closed {state.closed}.</span> : null}
          {state.error ? <span className="text-red-700 dark:text-red-300">{state.error}</span> : null}
        </span>
      </div>
    </form>
  );
}
