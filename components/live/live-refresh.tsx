"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useLiveNotices, type LiveNotice } from "./live-updates";

/** Merges a vehicle's burst (a state notice and an errors notice for one event) into one refresh. */
const VEHICLE_SETTLE_MS = 300;
const DEFAULT_BATCH_MS = 5_000;

export type LiveRefreshProps =
  /** A page about one vehicle: refreshes for notices naming that vehicle, and only those. */
  | { vehicleId: string; kinds?: never; batchMs?: never }
  /** A list or overview: refreshes for any notice of these kinds, at most once per `batchMs`. */
  | { vehicleId?: never; kinds: readonly LiveNotice["type"][]; batchMs?: number };

function matches(props: LiveRefreshProps, notice: LiveNotice): boolean {
  if (props.vehicleId !== undefined) return "vehicleId" in notice && notice.vehicleId === props.vehicleId;
  return props.kinds.includes(notice.type);
}

/**
 * Re-renders the server components of the page it sits on when something it shows changed. Renders
 * nothing. A hidden tab refreshes once when it becomes visible again instead of in the background.
 */
export function LiveRefresh(props: LiveRefreshProps) {
  const router = useRouter();
  const timer = useRef<number | undefined>(undefined);
  const lastRefreshAt = useRef(0);
  const stale = useRef(false);
  const interval = props.vehicleId !== undefined ? VEHICLE_SETTLE_MS : (props.batchMs ?? DEFAULT_BATCH_MS);

  const refresh = () => {
    timer.current = undefined;
    if (document.hidden) {
      stale.current = true;
      return;
    }
    lastRefreshAt.current = Date.now();
    router.refresh();
  };

  useLiveNotices((notice) => {
    if (!matches(props, notice) || timer.current !== undefined) return;
    const wait = props.vehicleId !== undefined ? interval : Math.max(VEHICLE_SETTLE_MS, lastRefreshAt.current + interval - Date.now());
    timer.current = window.setTimeout(refresh, wait);
  });

  useEffect(() => {
    const onVisible = () => {
      if (!document.hidden && stale.current) {
        stale.current = false;
        lastRefreshAt.current = Date.now();
        router.refresh();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.clearTimeout(timer.current);
    };
  }, [router]);

  return null;
}
