"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState } from "react";

/**
 * Keeps what the browser shows current without reloads. Subscribes to `/api/events` (SSE, already
 * scoped to what the signed-in user may see) and, on every notice:
 * - invalidates TanStack Query keys by convention: ["vehicles"], ["vehicle", vehicleId],
 *   ["errors"], ["webhook-deliveries"], ["commands"], ["notifications"];
 * - refreshes server components (`router.refresh()`), at most once per REFRESH_MS, so a burst of
 *   webhooks costs one refresh rather than one per event;
 * - re-dispatches the notice as a `fleetdeck:live` DOM event for components that want the detail.
 */

type LiveNotice =
  | { type: "vehicle"; vehicleId: string; codes: string[] }
  | { type: "errors"; vehicleId: string | null }
  | { type: "delivery"; deliveryId: number; status: string }
  | { type: "command"; vehicleId: string; commandId: string; status: string }
  | { type: "notification"; userId: string };

export type LiveConnection = "connecting" | "live" | "offline";

const REFRESH_MS = 400;
const LiveConnectionContext = createContext<LiveConnection>("connecting");

export function useLiveConnection(): LiveConnection {
  return useContext(LiveConnectionContext);
}

export function LiveUpdatesProvider({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const refreshTimer = useRef<number | null>(null);

  useEffect(() => {
    const source = new EventSource("/api/events");
    const scheduleRefresh = () => {
      if (refreshTimer.current !== null) return;
      refreshTimer.current = window.setTimeout(() => {
        refreshTimer.current = null;
        router.refresh();
      }, REFRESH_MS);
    };
    const onNotice = (message: MessageEvent<string>) => {
      let notice: LiveNotice;
      try {
        notice = JSON.parse(message.data) as LiveNotice;
      } catch {
        return;
      }
      if (notice.type === "vehicle") {
        void queryClient.invalidateQueries({ queryKey: ["vehicles"] });
        void queryClient.invalidateQueries({ queryKey: ["vehicle", notice.vehicleId] });
      } else if (notice.type === "errors") {
        void queryClient.invalidateQueries({ queryKey: ["errors"] });
        if (notice.vehicleId) void queryClient.invalidateQueries({ queryKey: ["vehicle", notice.vehicleId] });
      } else if (notice.type === "command") {
        void queryClient.invalidateQueries({ queryKey: ["commands"] });
        void queryClient.invalidateQueries({ queryKey: ["vehicle", notice.vehicleId] });
      } else if (notice.type === "notification") {
        void queryClient.invalidateQueries({ queryKey: ["notifications"] });
      } else {
        void queryClient.invalidateQueries({ queryKey: ["webhook-deliveries"] });
      }
      window.dispatchEvent(new CustomEvent("fleetdeck:live", { detail: notice }));
      scheduleRefresh();
    };
    source.addEventListener("ready", () => setConnection("live"));
    for (const type of ["vehicle", "errors", "delivery", "command", "notification"]) source.addEventListener(type, onNotice as EventListener);
    // EventSource reconnects by itself (the server asks for 2 s); this only reflects the state.
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => {
      source.close();
      if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
      refreshTimer.current = null;
    };
  }, [router, queryClient]);

  return <LiveConnectionContext.Provider value={connection}>{children}</LiveConnectionContext.Provider>;
}
