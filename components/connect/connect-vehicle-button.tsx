"use client";

import { PlugZap } from "lucide-react";
import { useActionState } from "react";
import { startConnectAction, type StartConnectState } from "@/app/(dashboard)/connect/actions";
import { Button } from "@/components/ui/button";

/** The owner's one-click entry into Smartcar Connect (brand chosen on Smartcar's own page). */
export function ConnectVehicleButton() {
  const [state, action, pending] = useActionState<StartConnectState, FormData>(startConnectAction, { error: null });
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <Button type="submit" disabled={pending}>
        <PlugZap className="size-4" aria-hidden />
        {pending ? "Opening Smartcar…" : "Connect a vehicle"}
      </Button>
      {state.error ? (
        <p data-testid="connect-error" className="text-xs text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
