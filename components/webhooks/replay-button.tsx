"use client";

import { RotateCcw } from "lucide-react";
import { useActionState } from "react";
import { replayDeliveryAction, type ReplayState } from "@/app/(dashboard)/webhooks/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

export function ReplayButton({ deliveryId }: { deliveryId: number }) {
  const [state, action, pending] = useActionState<ReplayState, FormData>(replayDeliveryAction, { message: null, tone: null });
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" variant="secondary" disabled={pending} data-testid="replay-delivery">
        <RotateCcw className={cn("size-4", pending && "animate-spin")} aria-hidden />
        {pending ? "Replaying…" : "Replay through processor"}
      </Button>
      {state.message ? (
        <p data-testid="replay-result" className={cn("text-sm", state.tone === "bad" ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400")}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
