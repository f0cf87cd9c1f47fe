import { commandSupportForMake } from "@/lib/smartcar/command-compatibility";
import type { SimulatorContext } from "./context";
import { SimulatorApiError } from "./errors";
import { changeVehicle } from "./events";
import type { SimVehicle } from "./store";
import { simulatedNow } from "./store";
import { startCharging, stopCharging, type VehicleState } from "./world";

/**
 * Remote commands (v3 `/commands/...` and v2 `POST /security|/charge|/charge/limit`). What a make
 * supports, and on which API, follows lib/smartcar/command-compatibility.ts. A command fails with the
 * documented VEHICLE_STATE error when the simulated car is in the conflicting state; one that runs
 * changes the car and is reported in the next VEHICLE_STATE webhook, whether or not a trigger changed.
 */

export type CommandType = "security-lock" | "security-unlock" | "charge-start" | "charge-stop" | "charge-set-limit";

export const COMMAND_PERMISSION: Record<CommandType, string> = {
  "security-lock": "control_security",
  "security-unlock": "control_security",
  "charge-start": "control_charge",
  "charge-stop": "control_charge",
  "charge-set-limit": "control_charge",
};

/** The signals a car reports right after executing each command. */
const REPORTED_SIGNALS: Record<CommandType, string[]> = {
  "security-lock": ["closure-islocked"],
  "security-unlock": ["closure-islocked"],
  "charge-start": ["charge-ischarging", "charge-detailedchargingstatus"],
  "charge-stop": ["charge-ischarging", "charge-detailedchargingstatus"],
  "charge-set-limit": ["charge-chargelimits"],
};

function refuse(code: string): never {
  throw new SimulatorApiError("VEHICLE_STATE", code);
}

/** The make's support for the command on the API it arrived on (contract §4.2 COMPATIBILITY). */
function checkSupport(vehicle: SimVehicle, command: CommandType, api: "v3" | "v2", percent: number | undefined): void {
  const support = commandSupportForMake(vehicle.make);
  const make = vehicle.make.toUpperCase();
  const supported = command.startsWith("security-") ? support.security : command === "charge-set-limit" ? support.chargeLimit !== null : support.charge;
  if (!supported) {
    throw new SimulatorApiError("COMPATIBILITY", "MAKE_NOT_COMPATIBLE", { description: `Smartcar does not support this command for ${make} vehicles.` });
  }
  if (api === "v3" && support.api === "v2") {
    throw new SimulatorApiError("COMPATIBILITY", "SMARTCAR_NOT_CAPABLE", {
      description: `Commands for ${make} vehicles are not available on API v3 yet; use the v2 endpoints with the vehicle's access token.`,
    });
  }
  if (command.startsWith("charge-") && vehicle.state.specs.powertrainType === "ICE") {
    throw new SimulatorApiError("COMPATIBILITY", "VEHICLE_NOT_CAPABLE");
  }
  if (command === "charge-set-limit") {
    const { min, max } = support.chargeLimit!;
    if (percent === undefined || !Number.isFinite(percent) || percent < min || percent > max) {
      throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: `The charge limit must be between ${min} and ${max} percent for ${make} vehicles.` });
    }
  }
}

function checkState(state: VehicleState, command: CommandType): void {
  switch (command) {
    case "security-lock":
      if (state.doorOpen) refuse("DOOR_OPEN");
      return;
    case "security-unlock":
      if (state.activity === "driving") refuse("IN_MOTION");
      return;
    case "charge-start":
      if (!state.plugged) refuse("CHARGING_PLUG_NOT_CONNECTED");
      if (state.charging) refuse("CHARGING_IN_PROGRESS");
      if (state.socPercent >= state.chargeLimitPercent) refuse("FULLY_CHARGED");
      return;
    case "charge-stop":
      if (!state.charging) refuse("NOT_CHARGING");
      return;
    case "charge-set-limit":
      return;
  }
}

export async function executeCommand(ctx: SimulatorContext, vehicle: SimVehicle, command: CommandType, api: "v3" | "v2", percent?: number): Promise<void> {
  checkSupport(vehicle, command, api, percent);
  const now = await simulatedNow(ctx);
  if (vehicle.state.asleep) {
    // The first command wakes the car but does not make it in time; a retry goes through.
    await changeVehicle(ctx, vehicle, (state) => {
      state.asleep = false;
      state.idleSince = now;
      state.oemUpdatedAt = now;
    }, now);
    refuse("ASLEEP");
  }
  checkState(vehicle.state, command);
  await changeVehicle(
    ctx,
    vehicle,
    (state) => {
      state.idleSince = now;
      state.oemUpdatedAt = now;
      switch (command) {
        case "security-lock":
          state.locked = true;
          break;
        case "security-unlock":
          state.locked = false;
          break;
        case "charge-start":
          startCharging(state, now);
          break;
        case "charge-stop":
          stopCharging(state, now);
          break;
        case "charge-set-limit":
          state.chargeLimitPercent = Math.round(percent!);
          if (state.charging && state.socPercent >= state.chargeLimitPercent) state.charging = false;
          break;
      }
    },
    now,
    undefined,
    REPORTED_SIGNALS[command],
  );
}
