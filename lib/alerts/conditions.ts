import { describeSmartcarError } from "@/lib/smartcar/error-catalog";
import type { Describe } from "./engine";
import type { AlertRuleKind } from "./kinds";
import { readingValue, type Reading } from "./readings";
import type { AlertVehicle } from "./notificators";
import type { EvaluatedRule } from "./rules";

/**
 * The reading-based conditions and the words of every alert. `undefined` means "these readings say
 * nothing about it": the rule's state stays as it was. Pure.
 */

export const READING_KINDS: readonly AlertRuleKind[] = ["battery_below", "fuel_below", "charging_finished", "charging_interrupted"];

function numberValue(reading: Reading | undefined): number | undefined {
  const value = readingValue(reading);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function activeLimit(reading: Reading | undefined): number | undefined {
  const body = reading?.body as { activeLimit?: unknown } | null | undefined;
  return typeof body?.activeLimit === "number" ? body.activeLimit : undefined;
}

export function readingCondition(rule: Pick<EvaluatedRule, "kind" | "params">, readings: Map<string, Reading>): boolean | undefined {
  switch (rule.kind) {
    case "battery_below": {
      const soc = numberValue(readings.get("tractionbattery-stateofcharge"));
      return soc === undefined ? undefined : soc < rule.params.threshold!;
    }
    case "fuel_below": {
      const fuel = numberValue(readings.get("internalcombustionengine-fuellevel"));
      return fuel === undefined ? undefined : fuel < rule.params.threshold!;
    }
    case "charging_finished": {
      const status = readingValue(readings.get("charge-detailedchargingstatus"));
      return typeof status === "string" ? status === "FULLY_CHARGED" : undefined;
    }
    case "charging_interrupted": {
      const status = readingValue(readings.get("charge-detailedchargingstatus"));
      if (typeof status !== "string") return undefined;
      if (status !== "NOT_CHARGING") return false;
      const plugged = readingValue(readings.get("charge-ischargingcableconnected"));
      if (plugged !== true) return plugged === false ? false : undefined;
      const soc = numberValue(readings.get("tractionbattery-stateofcharge"));
      const limit = activeLimit(readings.get("charge-chargelimits"));
      return soc === undefined || limit === undefined || soc < limit - 1;
    }
    default:
      return undefined;
  }
}

const name = (vehicle: AlertVehicle | null) => vehicle?.name ?? "A vehicle";

/** The title and message of a condition that started (`resolved` false) or cleared. */
export function describeCondition(rule: EvaluatedRule, resolved: boolean, facts: { readings?: Map<string, Reading>; errors?: { type: string; code: string | null }[]; rate?: { percent: number; deliveries: number } }): (vehicle: AlertVehicle | null) => Describe {
  const { threshold, hours, windowMinutes, errorType, errorCode } = rule.params;
  return (vehicle) => {
    const who = name(vehicle);
    const soc = numberValue(facts.readings?.get("tractionbattery-stateofcharge"));
    const fuel = numberValue(facts.readings?.get("internalcombustionengine-fuellevel"));
    switch (rule.kind) {
      case "battery_below":
        return resolved
          ? { title: `${who}: battery back above ${threshold} %`, message: `The battery is at ${soc ?? "?"} % again.`, data: { stateOfCharge: soc ?? null, threshold } }
          : { title: `${who}: battery at ${soc} %`, message: `The battery dropped below ${threshold} %.`, data: { stateOfCharge: soc, threshold } };
      case "fuel_below":
        return resolved
          ? { title: `${who}: fuel back above ${threshold} %`, message: `The tank is at ${fuel ?? "?"} % again.`, data: { fuelLevel: fuel ?? null, threshold } }
          : { title: `${who}: fuel at ${fuel} %`, message: `The fuel level dropped below ${threshold} %.`, data: { fuelLevel: fuel, threshold } };
      case "charging_finished":
        return { title: `${who} finished charging`, message: `Charged to ${soc ?? "its limit"}${soc === undefined ? "" : " %"}.`, data: { stateOfCharge: soc ?? null } };
      case "charging_interrupted":
        return { title: `${who} stopped charging`, message: `Plugged in but not charging at ${soc ?? "?"} %, below its charge limit.`, data: { stateOfCharge: soc ?? null } };
      case "needs_reconnect":
        return resolved
          ? { title: `${who} is connected again`, message: "The owner re-authenticated; Smartcar answers for the vehicle again." }
          : { title: `${who} needs to be reconnected`, message: "Smartcar asks the owner to re-authenticate through Connect. Send them a reconnect link." };
      case "smartcar_error": {
        const error = facts.errors?.[0] ?? { type: errorType ?? "", code: errorCode ?? null };
        const entry = describeSmartcarError(error.type, error.code);
        const label = `${error.type}${error.code ? `:${error.code}` : ""}`;
        return resolved
          ? { title: `${who}: ${entry.title} resolved`, message: `The ${label} error is closed.`, data: { type: error.type, code: error.code } }
          : { title: `${who}: ${entry.title}`, message: `${entry.meaning} ${entry.managerAction}`, data: { type: error.type, code: error.code } };
      }
      case "offline":
        return resolved ? { title: `${who} is online again`, message: "The car reports itself online." } : { title: `${who} offline for ${hours} h`, message: `The car has reported itself offline for more than ${hours} hours.` };
      case "asleep":
        return resolved ? { title: `${who} woke up`, message: "The car is awake again." } : { title: `${who} asleep for ${hours} h`, message: `The car has been asleep for more than ${hours} hours.` };
      case "no_data":
        return resolved ? { title: `${who} reports again`, message: "Readings arrive from the car again." } : { title: `${who}: no data for ${hours} h`, message: `No reading has arrived from the car for more than ${hours} hours.` };
      case "webhook_success_rate":
        return resolved
          ? { title: `Webhook success rate back to ${facts.rate?.percent ?? "?"} %`, message: `At or above ${threshold} % over the last ${windowMinutes} minutes.`, data: { ...facts.rate, threshold } }
          : {
              title: `Webhook success rate ${facts.rate?.percent} %`,
              message: `Below ${threshold} % over the last ${windowMinutes} minutes (${facts.rate?.deliveries} deliveries). Smartcar recommends investigating below 95 %.`,
              data: { ...facts.rate, threshold },
            };
      default:
        return { title: rule.name, message: "" };
    }
  };
}
