import type { Database } from "@/lib/db/client";

/** Everything an emulator instance needs: its database and the application it emulates for. */
export interface SimulatorOptions {
  clientId: string;
  clientSecret: string;
  managementToken: string;
  /** Public base URL of the emulated Connect pages (used in re-authentication URLs). */
  connectUrl: string;
  /** Registered redirect URIs; the first one is the Dashboard "default". */
  redirectUris: string[];
  /** Webhook callback URI; null leaves the webhook unconfigured. */
  webhookUrl: string | null;
  appRateLimit: { burst: number; refillPerMinute: number };
  vehicleRateLimit: { burst: number; refillPerMinute: number };
  /** Multiplies the documented 25/50/100 s retry delays (tests use a small fraction). */
  webhookRetryScale: number;
  webhookTimeoutMs: number;
  tickIntervalMs: number;
  dispatchIntervalMs: number;
  version: string;
}

export interface SimulatorContext {
  db: Database;
  options: SimulatorOptions;
  /** In-memory token buckets (per process, see README). */
  buckets: Map<string, { tokens: number; updatedAt: number }>;
}

export function createContext(db: Database, options: SimulatorOptions): SimulatorContext {
  return { db, options, buckets: new Map() };
}
