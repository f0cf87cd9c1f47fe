import "server-only";
import { getDatabaseHandle } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { createLiveHub, type LiveHub } from "./hub";

export type { LiveEvent, LiveListener } from "./events";
export type { LiveHub } from "./hub";

const globalForLive = globalThis as unknown as { fleetdeckLiveHub?: LiveHub };

/** The process-wide hub, on globalThis because Next bundles instrumentation and routes separately. */
export function getLiveHub(): LiveHub {
  globalForLive.fleetdeckLiveHub ??= createLiveHub(getDatabaseHandle(), (error) =>
    getLogger().warn({ err: error }, "live updates: LISTEN connection problem"),
  );
  return globalForLive.fleetdeckLiveHub;
}
