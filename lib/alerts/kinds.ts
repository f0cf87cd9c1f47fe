/**
 * The conditions an alert rule can watch, what each needs as parameters, and where it is evaluated.
 * Plain data: the rule form (a client component) and the evaluators share it.
 */

export const ALERT_RULE_KINDS = [
  "battery_below",
  "fuel_below",
  "charging_finished",
  "charging_interrupted",
  "needs_reconnect",
  "smartcar_error",
  "offline",
  "asleep",
  "no_data",
  "webhook_success_rate",
  "command_failed",
  "fleet_event",
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export type AlertParam = "threshold" | "hours" | "windowMinutes" | "errorType" | "errorCode" | "eventType";

export interface AlertKindDefinition {
  label: string;
  description: string;
  params: AlertParam[];
  /**
   * `readings`: by the webhook worker as readings arrive; `schedule`: by the background jobs every
   * minute (time-based or derived state); `event`: when the thing happens (a command fails, a
   * trip or place event is reported).
   */
  evaluatedBy: "readings" | "schedule" | "event";
  /** A condition that holds for a while and then clears (a "resolved" notice follows); else a one-off event. */
  stateful: boolean;
  /** Watches the whole fleet rather than each vehicle (no vehicle scope). */
  fleetWide?: boolean;
  managersOnly?: boolean;
  severity: "info" | "warning" | "critical";
}

export const ALERT_KINDS: Record<AlertRuleKind, AlertKindDefinition> = {
  battery_below: {
    label: "Battery below a threshold",
    description: "The traction battery's state of charge drops below the threshold.",
    params: ["threshold"],
    evaluatedBy: "readings",
    stateful: true,
    severity: "warning",
  },
  fuel_below: {
    label: "Fuel below a threshold",
    description: "The fuel level drops below the threshold.",
    params: ["threshold"],
    evaluatedBy: "readings",
    stateful: true,
    severity: "warning",
  },
  charging_finished: {
    label: "Charging finished",
    description: "The car reports it is fully charged (to its charge limit).",
    params: [],
    evaluatedBy: "readings",
    stateful: false,
    severity: "info",
  },
  charging_interrupted: {
    label: "Charging interrupted",
    description: "The car is plugged in but stopped charging below its charge limit.",
    params: [],
    evaluatedBy: "readings",
    stateful: false,
    severity: "warning",
  },
  needs_reconnect: {
    label: "Vehicle needs reconnect",
    description: "A connection needs the owner to re-authenticate through Smartcar Connect.",
    params: [],
    evaluatedBy: "schedule",
    stateful: true,
    severity: "critical",
  },
  smartcar_error: {
    label: "Smartcar error",
    description: "An open Smartcar error of the chosen type (and code), from webhooks or Fleetdeck's own calls.",
    params: ["errorType", "errorCode"],
    evaluatedBy: "schedule",
    stateful: true,
    severity: "warning",
  },
  offline: {
    label: "Offline for N hours",
    description: "The car reports itself offline and nothing newer has arrived for N hours.",
    params: ["hours"],
    evaluatedBy: "schedule",
    stateful: true,
    severity: "warning",
  },
  asleep: {
    label: "Asleep for N hours",
    description: "The car has been asleep for N hours without a newer report.",
    params: ["hours"],
    evaluatedBy: "schedule",
    stateful: true,
    severity: "info",
  },
  no_data: {
    label: "No data for N hours",
    description: "No reading at all has arrived from the car for N hours.",
    params: ["hours"],
    evaluatedBy: "schedule",
    stateful: true,
    severity: "warning",
  },
  webhook_success_rate: {
    label: "Webhook success rate below a threshold",
    description: "Share of Smartcar deliveries accepted and processed over the window (Smartcar recommends alerting below 95 %).",
    params: ["threshold", "windowMinutes"],
    evaluatedBy: "schedule",
    stateful: true,
    fleetWide: true,
    managersOnly: true,
    severity: "critical",
  },
  command_failed: {
    label: "Command failed",
    description: "A remote command failed or timed out.",
    params: [],
    evaluatedBy: "event",
    stateful: false,
    severity: "warning",
  },
  fleet_event: {
    label: "Trip or place event",
    description: "A reported fleet event such as a trip ending or arriving at a place (once those features report them).",
    params: ["eventType"],
    evaluatedBy: "event",
    stateful: false,
    severity: "info",
  },
};

/** Fleet events other features report through `recordFleetEvent` (lib/alerts/fleet-events.ts). */
export const FLEET_EVENT_TYPES: Record<string, string> = {
  "trip.started": "Trip started",
  "trip.ended": "Trip ended",
  "place.arrived": "Arrived at a place",
  "place.departed": "Left a place",
  "charging.session_ended": "Charging session ended",
};

export function isAlertRuleKind(value: unknown): value is AlertRuleKind {
  return typeof value === "string" && (ALERT_RULE_KINDS as readonly string[]).includes(value);
}
