"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import type { LiveEvent } from "@/lib/live/events";

/**
 * The browser's end of the live feed. Subscribes once to `/api/events` (SSE, already scoped to what
 * the signed-in user may see) and hands each notice to whoever asked for it; it never refreshes a
 * page by itself. A page says what it shows with `<LiveRefresh>` (components/live/live-refresh.tsx):
 * a vehicle page listens to its own vehicle only, lists and the overview batch.
 *
 * TanStack Query keys are invalidated by convention: ["vehicle", id] and ["notifications"] at once,
 * the list keys (["vehicles"], ["errors"], ["webhook-deliveries"], ["commands"]) at most once per
 * LIST_BATCH_MS. Every notice
 * is also re-dispatched as a `fleetdeck:live` DOM event.
 *
 * The connection's state is shown in the shell: `connecting` until the server's first `ready`,
 * `live`, `reconnecting` while EventSource retries by itself, `offline` when the browser is offline
 * or the server refused the stream (then this reconnects with a growing delay).
 */

export type LiveNotice = LiveEvent;
export type LiveConnection = "connecting" | "live" | "reconnecting" | "offline";
type Listener = (notice: LiveNotice) => void;

const LIST_BATCH_MS = 3_000;
const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000];

interface LiveContextValue {
  connection: LiveConnection;
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<LiveContextValue>({ connection: "connecting", subscribe: () => () => {} });

export function useLiveConnection(): LiveConnection {
  return useContext(LiveContext).connection;
}

/** Calls `listener` for every notice while mounted (the latest `listener`, without resubscribing). */
export function useLiveNotices(listener: Listener): void {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((notice) => latest.current(notice)), [subscribe]);
}

const LIST_KEYS = { vehicle: ["vehicles"], errors: ["errors"], delivery: ["webhook-deliveries"], command: ["commands"] } as const;

export function LiveUpdatesProvider({ children }: { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const [listeners] = useState(() => new Set<Listener>());
  const [subscribe] = useState(() => (listener: Listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let failures = 0;
    const pendingLists = new Set<keyof typeof LIST_KEYS>();
    let listTimer: number | undefined;

    const flushLists = () => {
      listTimer = undefined;
      for (const kind of pendingLists) void queryClient.invalidateQueries({ queryKey: LIST_KEYS[kind] });
      pendingLists.clear();
    };
    const onNotice = (message: MessageEvent<string>) => {
      let notice: LiveNotice;
      try {
        notice = JSON.parse(message.data) as LiveNotice;
      } catch {
        return;
      }
      if ("vehicleId" in notice && notice.vehicleId) void queryClient.invalidateQueries({ queryKey: ["vehicle", notice.vehicleId] });
      // A notification is one person's, and rare: the bell's count follows at once.
      if (notice.type === "notification") void queryClient.invalidateQueries({ queryKey: ["notifications"] });
      else {
        pendingLists.add(notice.type);
        listTimer ??= window.setTimeout(flushLists, LIST_BATCH_MS);
      }
      for (const listener of listeners) listener(notice);
      window.dispatchEvent(new CustomEvent("fleetdeck:live", { detail: notice }));
    };

    const connect = () => {
      window.clearTimeout(retryTimer);
      source?.close();
      const current = new EventSource("/api/events");
      source = current;
      current.addEventListener("ready", () => {
        failures = 0;
        setConnection("live");
      });
      for (const type of ["vehicle", "errors", "delivery", "command", "notification"]) current.addEventListener(type, onNotice as EventListener);
      current.onerror = () => {
        if (!navigator.onLine) return setConnection("offline");
        if (current.readyState !== EventSource.CLOSED) return setConnection("reconnecting");
        // The server refused the stream (signed out, restarted without us): EventSource gave up, so we retry.
        setConnection("offline");
        retryTimer = window.setTimeout(connect, RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]);
        failures += 1;
      };
    };
    const goOffline = () => setConnection("offline");
    const goOnline = () => {
      setConnection("reconnecting");
      connect();
    };

    connect();
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      window.clearTimeout(retryTimer);
      window.clearTimeout(listTimer);
      source?.close();
    };
  }, [queryClient, listeners]);

  return <LiveContext.Provider value={{ connection, subscribe }}>{children}</LiveContext.Provider>;
}
