"use client";

import { Send } from "lucide-react";
import { useActionState } from "react";
import { sendReconnectLinkAction, type SendLinkState } from "@/app/(dashboard)/reconnect/actions";
import { SubmitButton } from "@/components/auth/submit-button";

const initial: SendLinkState = { error: null, sentTo: null };

export function SendLinkButton({ vehicleId }: { vehicleId: string }) {
  const [state, action] = useActionState(sendReconnectLinkAction, initial);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="vehicleId" value={vehicleId} />
      <SubmitButton pendingLabel="Sending…" variant="secondary" className="w-auto py-1.5">
        <Send className="size-4" aria-hidden />
        Send reconnect link
      </SubmitButton>
      <span aria-live="polite" className="text-xs">
        {state.sentTo ? <span className="text-emerald-700 dark:text-emerald-300">Link sent to {state.sentTo} (see Outbox)</span> : null}
        {state.error ? <span className="text-red-700 dark:text-red-300">{state.error}</span> : null}
      </span>
    </form>
  );
}
