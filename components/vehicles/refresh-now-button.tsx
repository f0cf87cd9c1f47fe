"use client";

import { useMutation } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

interface RefreshResponse {
  kind: string;
  signals?: number;
  message?: string;
  resolution?: string | null;
  retryAfterSeconds?: number | null;
}

const RESOLUTION_HINTS: Record<string, string> = {
  REAUTHENTICATE: "The owner needs to reconnect this vehicle.",
  RETRY_LATER: "Try again a little later.",
  CONTACT_SUPPORT: "This needs Smartcar support.",
  ACTION_REQUIRED: "The owner needs to take an action at the car maker.",
};

function describe(response: RefreshResponse): string {
  if (response.kind === "no_connection") return "This vehicle has no active connection to refresh through.";
  if (response.kind === "forbidden") return "Your role cannot refresh vehicles.";
  const hint = response.resolution ? RESOLUTION_HINTS[response.resolution] : undefined;
  const wait = response.retryAfterSeconds ? ` Smartcar asks to wait ${response.retryAfterSeconds} s.` : "";
  return `${response.message ?? "Smartcar could not refresh this vehicle."}${hint ? ` ${hint}` : ""}${wait}`;
}

/** Fetches the vehicle's signals through the server (never from the browser to Smartcar), then re-renders the page. */
export function RefreshNowButton({ vehicleId }: { vehicleId: string }) {
  const router = useRouter();
  const refresh = useMutation({
    mutationFn: async (): Promise<RefreshResponse> => {
      const response = await fetch(`/api/vehicles/${vehicleId}/refresh`, { method: "POST" });
      const body = (await response.json()) as RefreshResponse;
      if (!response.ok) throw Object.assign(new Error(describe(body)), { body });
      return body;
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
        <RefreshCw className={refresh.isPending ? "size-4 animate-spin" : "size-4"} aria-hidden />
        {refresh.isPending ? "Refreshing…" : "Refresh now"}
      </Button>
      {refresh.isError ? (
        <p role="status" data-testid="refresh-error" className="max-w-xs text-right text-xs text-red-600 dark:text-red-400">
          {refresh.error.message}
        </p>
      ) : refresh.isSuccess ? (
        <p role="status" className="text-xs text-emerald-600 dark:text-emerald-400">
          Updated {refresh.data.signals} signals
        </p>
      ) : null}
    </div>
  );
}
