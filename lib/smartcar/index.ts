import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { SmartcarClient, smartcarOptionsFromConfig } from "./client";
import { scheduleVehicleTokenRefresh } from "./refresh-job";

/**
 * The door to Smartcar: the process-wide client built from configuration, plus the types and helpers
 * callers need. Import from `@/lib/smartcar`.
 */

export { SmartcarClient, smartcarOptionsFromConfig } from "./client";
export type { ConnectionFilters, SmartcarClientOptions, V2Meta, V2Result, V2VehicleRef, V3VehicleRef } from "./client";
export { buildAuthorizeUrl, buildReauthenticateUrl, completeReauthenticateUrl, parseConnectRedirect } from "./connect";
export type { AuthorizeUrlOptions, ConnectRedirect } from "./connect";
export { SmartcarError, isSmartcarError, parseSmartcarError } from "./errors";
export { CONNECT_ERROR_CATALOG, SMARTCAR_ERROR_CATALOG, describeConnectError, describeSmartcarError } from "./error-catalog";
export type { SmartcarErrorCatalogEntry, ConnectErrorCatalogEntry, ResolutionType } from "./error-catalog";
export type { CommandExecution, ConnectionV3, ManagementConnection, Page, VehicleV3 } from "./schemas";
export { canonicalUnit, normalizeSignal } from "./signals";
export type { NormalizedSignal } from "./types";
export type { VehicleTokenPair } from "./vehicle-tokens";

const globalForSmartcar = globalThis as unknown as { fleetdeckSmartcar?: SmartcarClient };

/** The process-wide client: hosts, secrets, limits and keys from `getConfig()`, the app database, pino logs. */
export function getSmartcar(): SmartcarClient {
  globalForSmartcar.fleetdeckSmartcar ??= new SmartcarClient(
    smartcarOptionsFromConfig({
      db: getDb(),
      databaseKind: getConfig().database.kind,
      logger: getLogger(),
      shareApplicationToken: getConfig().database.kind === "postgres",
    }),
  );
  return globalForSmartcar.fleetdeckSmartcar;
}

const globalForJob = globalThis as unknown as { fleetdeckVehicleTokenJob?: () => void };

/** Starts the v2 token-refresh job once per process (server start); returns its stop function. */
export function startVehicleTokenRefreshJob(): () => void {
  const store = getSmartcar().vehicleTokens;
  if (!store) throw new Error("the Smartcar client has no vehicle-token store");
  globalForJob.fleetdeckVehicleTokenJob ??= scheduleVehicleTokenRefresh({ db: getDb(), store, logger: getLogger() });
  return globalForJob.fleetdeckVehicleTokenJob;
}
