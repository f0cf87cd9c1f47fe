/**
 * The remote commands Fleetdeck sends and the states a command goes through, with the words the
 * pages use for them. Plain data: safe in client components.
 */

export const COMMAND_KINDS = ["lock", "unlock", "start_charge", "stop_charge", "set_charge_limit"] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

/** Button labels; tests outside the project rely on them as accessible names. */
export const COMMAND_LABELS: Record<CommandKind, string> = {
  lock: "Lock",
  unlock: "Unlock",
  start_charge: "Start charging",
  stop_charge: "Stop charging",
  set_charge_limit: "Set charge limit",
};

/** Past tense, for lists: "Unlock requested by …". */
export const COMMAND_NOUNS: Record<CommandKind, string> = {
  lock: "Lock",
  unlock: "Unlock",
  start_charge: "Start charging",
  stop_charge: "Stop charging",
  set_charge_limit: "Charge limit",
};

/** The Smartcar permission each command needs on the connection. */
export const COMMAND_PERMISSIONS: Record<CommandKind, "control_security" | "control_charge"> = {
  lock: "control_security",
  unlock: "control_security",
  start_charge: "control_charge",
  stop_charge: "control_charge",
  set_charge_limit: "control_charge",
};

/** Commands a person must confirm before they are sent. */
export const NEEDS_CONFIRMATION: ReadonlySet<CommandKind> = new Set(["unlock"]);

export const COMMAND_STATUSES = ["requested", "sent", "succeeded", "confirmed", "failed", "timed_out", "unconfirmed"] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

export type StatusTone = "neutral" | "info" | "good" | "warn" | "bad";

export const COMMAND_STATUS_LABELS: Record<CommandStatus, { label: string; tone: StatusTone; description: string }> = {
  requested: { label: "Requested", tone: "info", description: "Waiting to be sent to Smartcar." },
  sent: { label: "Sent", tone: "info", description: "Sent to Smartcar; waiting for the car's answer." },
  succeeded: { label: "Accepted", tone: "info", description: "Smartcar carried it out; waiting for the car's next report to confirm it." },
  confirmed: { label: "Confirmed", tone: "good", description: "The car's latest report shows the new state." },
  failed: { label: "Failed", tone: "bad", description: "Smartcar refused or could not carry out the command." },
  timed_out: { label: "Timed out", tone: "warn", description: "No answer was recorded in time; check the car's state before trying again." },
  unconfirmed: { label: "Not confirmed", tone: "warn", description: "Smartcar accepted it, but no report from the car has shown the new state yet." },
};

/** Still moving: the page keeps watching these. */
export const OPEN_COMMAND_STATUSES: readonly CommandStatus[] = ["requested", "sent", "succeeded"];

export function isCommandKind(value: unknown): value is CommandKind {
  return typeof value === "string" && (COMMAND_KINDS as readonly string[]).includes(value);
}
