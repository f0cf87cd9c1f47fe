/**
 * The one definition of a vehicle's fleet status. `deriveVehicleStatus` is the rule; the list and
 * overview queries evaluate the same rule in SQL (vehicle-status-sql.ts) so they can filter, sort
 * and count 10,000 vehicles without loading them, and an integration test holds the two together.
 */

export const VEHICLE_STATUSES = ["needs_reconnect", "error", "charging", "online", "waiting", "offline", "disconnected"] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export type ConnectionState = "active" | "needs_reauth" | "revoked";

/** A vehicle that reported within this window counts as reachable. */
export const ONLINE_WINDOW_MS = 60 * 60_000;

export const VEHICLE_STATUS_LABELS: Record<VehicleStatus, string> = {
  needs_reconnect: "Needs reconnect",
  error: "Error",
  charging: "Charging",
  online: "Online",
  waiting: "Waiting for first data",
  offline: "Offline",
  disconnected: "Disconnected",
};

export const VEHICLE_STATUS_DESCRIPTIONS: Record<VehicleStatus, string> = {
  needs_reconnect: "An owner's Smartcar authorization expired or was changed; the owner must reconnect.",
  error: "Smartcar reported an error for this vehicle that is still open.",
  charging: "Plugged in and charging, according to its latest report.",
  online: "Reported within the last hour.",
  waiting: "Connected; Smartcar has not reported a reading for it yet. Its first webhook or a refresh fills it in.",
  offline: "No report within the last hour, or the car says it is offline.",
  disconnected: "Every connection to this vehicle was revoked.",
};

export interface VehicleStatusInputs {
  connectionStates: readonly ConnectionState[];
  openErrorCount: number;
  /** `charge-ischarging` value, null when never reported. */
  isCharging: boolean | null;
  /** `connectivitystatus-isonline` value, null when never reported. */
  isOnline: boolean | null;
  lastSignalAt: Date | null;
}

/**
 * Precedence: what a fleet manager must act on comes first (reconnect, then errors); a car that never
 * reported is waiting for its first data; then what the car is doing, which only counts while its
 * last report is recent.
 */
export function deriveVehicleStatus(inputs: VehicleStatusInputs, now: Date = new Date()): VehicleStatus {
  const liveConnections = inputs.connectionStates.filter((state) => state !== "revoked");
  if (liveConnections.length === 0) return "disconnected";
  if (liveConnections.includes("needs_reauth")) return "needs_reconnect";
  if (inputs.openErrorCount > 0) return "error";
  // A new connection is not a broken one: until the first reading there is nothing to judge.
  if (inputs.lastSignalAt === null) return "waiting";
  const reportedRecently = now.getTime() - inputs.lastSignalAt.getTime() <= ONLINE_WINDOW_MS;
  if (!reportedRecently) return "offline";
  if (inputs.isCharging === true) return "charging";
  if (inputs.isOnline === false) return "offline";
  return "online";
}

export function isVehicleStatus(value: unknown): value is VehicleStatus {
  return typeof value === "string" && (VEHICLE_STATUSES as readonly string[]).includes(value);
}
