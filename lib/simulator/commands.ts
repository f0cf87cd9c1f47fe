import type { SimulatorContext } from "./context";
import { SimulatorApiError } from "./errors";
import { changeVehicle } from "./events";
import type { SimVehicle } from "./store";
import { simulatedNow } from "./store";
import { startCharging, stopCharging, type VehicleState } from "./world";

/**
 * Remote commands (v3 `/commands/...` and v2 `POST /security|/charge`). A command fails with the
 * documented VEHICLE_STATE error when the simulated car is in the conflicting state.
 */

export type CommandType = "security-lock" | "security-unlock" | "charge-start" | "charge-stop" | "charge-set-limit";

export const COMMAND_PERMISSION: Record<CommandType, string> = {
  "security-lock": "control_security",
  "security-unlock": "control_security",
  "charge-start": "control_charge",
  "charge-stop": "control_charge",
  "charge-set-limit": "control_charge",
};

function refuse(code: string): never {
  throw new SimulatorApiError("VEHICLE_STATE", code);
}

function checkCommand(state: VehicleState, command: CommandType, percent: number | undefined): void {
  if (command.startsWith("charge-") && state.specs.powertrainType === "ICE") {
    throw new SimulatorApiError("COMPATIBILITY", "VEHICLE_NOT_CAPABLE");
  }
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
      if (percent === undefined || !Number.isFinite(percent) || percent < 50 || percent > 100) {
        throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: "The charge limit must be between 50 and 100 percent." });
      }
      return;
  }
}

export async function executeCommand(ctx: SimulatorContext, vehicle: SimVehicle, command: CommandType, percent?: number): Promise<void> {
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
  checkCommand(vehicle.state, command, percent);
  await changeVehicle(ctx, vehicle, (state) => {
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
  }, now);
}
