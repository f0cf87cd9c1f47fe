import { RefreshCcw } from "lucide-react";
import { startReconnectAction } from "@/app/(dashboard)/reconnect/actions";
import { SubmitButton } from "@/components/auth/submit-button";

/** Starts the re-authentication for one vehicle; the URL is built on the server. */
export function ReconnectButton({ vehicleId, label = "Reconnect", variant = "primary" }: { vehicleId: string; label?: string; variant?: "primary" | "secondary" }) {
  return (
    <form action={startReconnectAction}>
      <input type="hidden" name="vehicleId" value={vehicleId} />
      <SubmitButton pendingLabel="Opening Smartcar…" variant={variant} className="w-auto py-1.5">
        <RefreshCcw className="size-4" aria-hidden />
        {label}
      </SubmitButton>
    </form>
  );
}
