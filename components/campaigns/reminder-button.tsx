"use client";

import { BellRing } from "lucide-react";
import { useActionState } from "react";
import { sendRemindersAction, type ReminderState } from "@/app/(dashboard)/migration/actions";
import { SubmitButton } from "@/components/auth/submit-button";

const initial: ReminderState = { error: null, sent: null };

export function ReminderButton({ campaignId }: { campaignId: string }) {
  const [state, action] = useActionState(sendRemindersAction, initial);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="campaignId" value={campaignId} />
      <SubmitButton pendingLabel="Sending…" variant="secondary" className="w-auto py-1.5">
        <BellRing className="size-4" aria-hidden />
        Remind those not finished
      </SubmitButton>
      <span aria-live="polite" className="text-xs">
        {state.sent !== null ? <span className="text-emerald-700 dark:text-emerald-300">Sent {state.sent} reminders.</span> : null}
        {state.error ? <span className="text-red-700 dark:text-red-300">{state.error}</span> : null}
      </span>
    </form>
  );
}
