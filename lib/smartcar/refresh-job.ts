import "server-only";
import { and, eq, lt } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { connections, vehicleTokens } from "@/lib/db/schema";
import { isSmartcarError } from "./errors";
import type { SmartcarLogger } from "./http";
import type { VehicleTokenStore } from "./vehicle-tokens";

/**
 * Keeps legacy v2 connections alive: a refresh token dies 60 days after it was issued, and a vehicle
 * nobody looked at for that long would otherwise need its owner to reconnect. Every run rotates the
 * pairs whose refresh token has less than `refreshWithinMs` left (default 30 days, i.e. half its
 * life), marks connections whose refresh was refused as needing re-authentication, and rewrites rows
 * still encrypted with a retired key.
 */

export interface RefreshRunOptions {
  db: Database;
  store: VehicleTokenStore;
  logger: SmartcarLogger;
  refreshWithinMs?: number;
  batchSize?: number;
}

export interface RefreshRunResult {
  refreshed: number;
  needsReauthentication: number;
  failed: number;
  reencrypted: number;
}

const DAY_MS = 24 * 60 * 60_000;

export async function refreshAgingVehicleTokens(options: RefreshRunOptions): Promise<RefreshRunResult> {
  const { db, store, logger } = options;
  const horizon = new Date(Date.now() + (options.refreshWithinMs ?? 30 * DAY_MS));
  const due = await db
    .select({ connectionId: vehicleTokens.connectionId, version: vehicleTokens.version })
    .from(vehicleTokens)
    .innerJoin(connections, eq(connections.id, vehicleTokens.connectionId))
    .where(and(eq(connections.status, "active"), lt(vehicleTokens.refreshExpiresAt, horizon)))
    .orderBy(vehicleTokens.refreshExpiresAt)
    .limit(options.batchSize ?? 200);

  const result: RefreshRunResult = { refreshed: 0, needsReauthentication: 0, failed: 0, reencrypted: 0 };
  for (const row of due) {
    try {
      await store.rotate(row.connectionId, row.version);
      result.refreshed += 1;
    } catch (error) {
      if (isSmartcarError(error) && error.needsReauthentication()) {
        await db.update(connections).set({ status: "needs_reauth" }).where(eq(connections.id, row.connectionId));
        result.needsReauthentication += 1;
        logger.warn({ smartcar: "v2.token.refresh-job", error: { type: error.type, code: error.code } }, "vehicle token refused; connection needs re-authentication");
      } else {
        result.failed += 1;
        logger.warn({ smartcar: "v2.token.refresh-job", error: isSmartcarError(error) ? { type: error.type, code: error.code } : String(error) }, "vehicle token refresh failed; retrying next run");
      }
    }
  }
  result.reencrypted = await store.reencryptWithCurrentKey();
  if (due.length > 0 || result.reencrypted > 0) logger.info({ smartcar: "v2.token.refresh-job", ...result }, "vehicle token refresh run");
  return result;
}

export interface RefreshJobOptions extends RefreshRunOptions {
  intervalMs?: number;
  firstRunDelayMs?: number;
}

/** Runs `refreshAgingVehicleTokens` on a timer; returns a stop function. Overlapping runs are skipped. */
export function scheduleVehicleTokenRefresh(options: RefreshJobOptions): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await refreshAgingVehicleTokens(options);
    } catch (error) {
      options.logger.warn({ smartcar: "v2.token.refresh-job", error: String(error) }, "vehicle token refresh run failed");
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, options.firstRunDelayMs ?? 60_000);
  const interval = setInterval(run, options.intervalMs ?? 60 * 60_000);
  first.unref?.();
  interval.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
