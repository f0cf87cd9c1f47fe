import { commandSupportForMake } from "@/lib/smartcar/command-compatibility";
import { describeSmartcarError } from "@/lib/smartcar/error-catalog";
import { COMMAND_KINDS, COMMAND_PERMISSIONS, type CommandKind } from "./kinds";

/**
 * What a vehicle can be commanded to do right now, and why not when it cannot: the make's command
 * support, its powertrain, the connection (status, granted permissions, a stored v2 token for makes
 * served only on v2) and what Smartcar answered to earlier commands. Pure: pages and the request
 * path share it.
 */

export interface CommandTarget {
  make: string;
  powertrainType: string | null;
  connection: { status: "active" | "needs_reauth" | "revoked"; permissions: readonly string[]; hasV2Token: boolean } | null;
  /** The last COMPATIBILITY answer Smartcar gave per command for this vehicle. */
  refused: Partial<Record<CommandKind, { type: string; code: string | null }>>;
}

export interface CommandAvailability {
  available: boolean;
  /** Shown on hover when unavailable. */
  reason: string | null;
  /** The API the command will go through. */
  api: "v3" | "v2" | null;
}

export interface VehicleCommandCapabilities {
  commands: Record<CommandKind, CommandAvailability>;
  chargeLimit: { min: number; max: number } | null;
}

const FAMILY: Record<CommandKind, "security" | "charge" | "chargeLimit"> = {
  lock: "security",
  unlock: "security",
  start_charge: "charge",
  stop_charge: "charge",
  set_charge_limit: "chargeLimit",
};

const FAMILY_WORDS = { security: "remote locking", charge: "remote charging control", chargeLimit: "setting the charge limit remotely" };

function unavailable(reason: string): CommandAvailability {
  return { available: false, reason, api: null };
}

export function commandCapabilities(target: CommandTarget): VehicleCommandCapabilities {
  const support = commandSupportForMake(target.make);
  const make = target.make;
  const connection = target.connection;
  const decide = (kind: CommandKind): CommandAvailability => {
    const family = FAMILY[kind];
    const supported = family === "security" ? support.security : family === "charge" ? support.charge : support.chargeLimit !== null;
    if (!supported) return unavailable(`Smartcar does not offer ${FAMILY_WORDS[family]} for ${make} vehicles.`);
    if (family !== "security" && target.powertrainType === "ICE") return unavailable("Charging commands need an electric or plug-in hybrid vehicle.");
    const refusal = target.refused[kind];
    if (refusal) return unavailable(`Smartcar answered that this vehicle cannot do it: ${describeSmartcarError(refusal.type, refusal.code).title.toLowerCase()}.`);
    if (!connection || connection.status === "revoked") return unavailable("The vehicle has no active Smartcar connection.");
    if (connection.status === "needs_reauth") return unavailable("The owner must reconnect the vehicle before it accepts commands.");
    const permission = COMMAND_PERMISSIONS[kind];
    // An empty list means the connection's permissions were never recorded: Smartcar decides.
    if (connection.permissions.length > 0 && !connection.permissions.includes(permission)) {
      return unavailable(`The owner did not grant ${permission} when connecting; they must reconnect and allow it.`);
    }
    if (support.api === "v2" && !connection.hasV2Token) {
      return unavailable(`Smartcar serves ${make} commands only on its v2 API, which needs the owner's own vehicle token from Connect; none is stored. Ask the owner to connect again through Connect.`);
    }
    return { available: true, reason: null, api: support.api };
  };
  const commands = Object.fromEntries(COMMAND_KINDS.map((kind) => [kind, decide(kind)])) as Record<CommandKind, CommandAvailability>;
  return { commands, chargeLimit: support.chargeLimit };
}
