import { permissionForSignal as catalogPermissionForSignal } from "@/lib/smartcar/permissions";
import { rangeKm, type VehicleState } from "./world";

/**
 * What a simulated car reports, in Smartcar's v3 signal vocabulary (contract §9): code
 * `group-name` in lower case, bodies and units as the catalogue shows them.
 */

export interface SimulatedSignal {
  code: string;
  name: string;
  group: string;
  body: Record<string, unknown>;
  oemUpdatedAt: number;
}

const COMPASS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"] as const;
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

export function signalCode(group: string, name: string): string {
  return `${group.toLowerCase()}-${name.toLowerCase()}`;
}

const EXTERIOR_COLORS = ["Pearl White", "Midnight Silver", "Deep Blue", "Solid Black", "Red Multi-Coat", "Quicksilver"] as const;

/** A stable paint colour per car (the seed has none): picked from the VIN's characters. */
function exteriorColor(vin: string): string {
  let sum = 0;
  for (const character of vin) sum += character.charCodeAt(0);
  return EXTERIOR_COLORS[sum % EXTERIOR_COLORS.length]!;
}

/**
 * `identity` adds the VehicleIdentification attributes the catalogue lists besides the nickname (VIN,
 * exterior colour); the API passes it, webhook events leave it out (attributes do not change).
 */
export function vehicleSignals(state: VehicleState, nickname: string, identity?: { vin: string }): SimulatedSignal[] {
  const signals: SimulatedSignal[] = [];
  const at = state.oemUpdatedAt;
  const add = (group: string, name: string, body: Record<string, unknown>) =>
    signals.push({ code: signalCode(group, name), name, group, body, oemUpdatedAt: at });
  const { powertrainType } = state.specs;
  const electric = powertrainType !== "ICE";
  const combustion = powertrainType !== "BEV";
  const range = rangeKm(state);

  add("Odometer", "TraveledDistance", { unit: "kilometers", value: round(state.odometerKm, 1) });
  add("Location", "PreciseLocation", {
    latitude: round(state.latitude, 6),
    longitude: round(state.longitude, 6),
    heading: state.heading,
    direction: COMPASS[Math.round(state.heading / 45) % 8],
    locationType: state.activity === "driving" ? "CURRENT" : "LAST_PARKED",
  });
  add("Location", "IsAtHome", { value: Math.abs(state.latitude - state.home.latitude) + Math.abs(state.longitude - state.home.longitude) < 0.005 });
  add("Motion", "CurrentSpeed", { unit: "kph", value: state.speedKph });
  add("Transmission", "GearState", { value: state.activity === "driving" ? "DRIVE" : "PARK" });
  add("Closure", "IsLocked", { value: state.locked });
  // The driver's door and window (row 0, column 0) are the ones the presenter can open.
  add("Closure", "Doors", {
    values: [0, 1].flatMap((row) => [0, 1].map((column) => ({ row, column, isOpen: state.doorOpen && row === 0 && column === 0, isLocked: state.locked }))),
    rowCount: 2,
    columnCount: 2,
  });
  add("Closure", "Windows", {
    values: [0, 1].flatMap((row) => [0, 1].map((column) => ({ row, column, isOpen: Boolean(state.windowOpen) && row === 0 && column === 0 }))),
    rowCount: 2,
    columnCount: 2,
  });
  add("Closure", "RearTrunk", { isOpen: Boolean(state.trunkOpen), isLocked: state.locked && !state.trunkOpen });
  add("ConnectivityStatus", "IsAsleep", { value: state.asleep });
  add("ConnectivityStatus", "IsOnline", { value: !state.asleep });
  add("Climate", "InternalTemperature", { unit: "celsius", value: state.cabinCelsius });
  add("Climate", "ExternalTemperature", { unit: "celsius", value: state.outsideCelsius });
  add("LowVoltageBattery", "StateOfCharge", { unit: "percent", value: state.lowVoltageSocPercent });
  add("Wheel", "Tires", {
    values: state.tirePressuresKpa.map((tirePressure, index) => ({ row: Math.floor(index / 2), column: index % 2, tirePressure })),
    rowCount: 2,
    columnCount: 2,
  });
  add("VehicleIdentification", "Nickname", { value: nickname });
  if (identity) {
    add("VehicleIdentification", "Vin", { value: identity.vin });
    add("VehicleIdentification", "ExteriorColor", { value: exteriorColor(identity.vin) });
  }

  if (powertrainType === "BEV") add("Closure", "FrontTrunk", { isOpen: false, isLocked: state.locked });
  if (electric) {
    add("TractionBattery", "StateOfCharge", { unit: "percent", value: round(state.socPercent) });
    add("TractionBattery", "Range", { unit: "kilometers", value: range.electric, additionalValues: [{ type: "ESTIMATED", value: range.electric }] });
    add("TractionBattery", "NominalCapacity", {
      source: "SMARTCAR",
      capacity: state.specs.batteryKwh,
      availableCapacities: [{ capacity: state.specs.batteryKwh, description: null }],
      unit: "kWhr",
    });
    const status = state.charging ? "CHARGING" : state.plugged && state.socPercent >= state.chargeLimitPercent ? "FULLY_CHARGED" : "NOT_CHARGING";
    const minutesToLimit = state.charging
      ? Math.max(0, Math.round((((state.chargeLimitPercent - state.socPercent) / 100) * state.specs.batteryKwh * 60) / state.specs.chargePowerKw))
      : 0;
    add("Charge", "IsCharging", { value: state.charging });
    add("Charge", "IsChargingCableConnected", { value: state.plugged });
    add("Charge", "DetailedChargingStatus", { value: status });
    add("Charge", "EnergyAdded", { unit: "kWh", value: state.energyAddedKwh });
    add("Charge", "TimeToComplete", { value: minutesToLimit });
    add("Charge", "ChargeLimits", {
      values: [{ type: "GLOBAL", limit: state.chargeLimitPercent, condition: null }],
      activeLimit: state.chargeLimitPercent,
      unit: "percent",
    });
    add("Charge", "Voltage", { unit: "volts", value: state.charging ? 240 : 0 });
    add("Charge", "Amperage", { unit: "ampere", value: state.charging ? round((state.specs.chargePowerKw * 1000) / 240) : 0 });
    add("Charge", "Wattage", { unit: "watts", value: state.charging ? state.specs.chargePowerKw * 1000 : 0 });
    add("Charge", "ChargingConnectorType", { value: "J1772" });
  }
  if (combustion) {
    add("InternalCombustionEngine", "FuelLevel", { unit: "percent", value: round(state.fuelPercent) });
    add("InternalCombustionEngine", "AmountRemaining", { unit: "liters", value: round((state.fuelPercent / 100) * state.specs.tankLiters, 1) });
    add("InternalCombustionEngine", "Range", { unit: "kilometers", value: range.fuel });
  }
  return signals;
}

/**
 * Permission each signal needs (signals outside the grant come back with a PERMISSION status): the
 * catalogue's mapping, shared with the app; groups it does not list need read_vehicle_info.
 */
export function permissionForSignal(code: string): string {
  return catalogPermissionForSignal(code) ?? "read_vehicle_info";
}

/** Default webhook configuration: what fires a VEHICLE_STATE event, and what each event carries. */
export const DEFAULT_TRIGGERS = [
  "tractionbattery-stateofcharge",
  "charge-ischarging",
  "charge-ischargingcableconnected",
  "charge-detailedchargingstatus",
  "closure-islocked",
  // Opening a door, a window or the trunk is news of its own (not only the lock): a VEHICLE_STATE
  // carrying the door then never lags behind the lock it sits next to.
  "closure-doors",
  "closure-windows",
  "closure-reartrunk",
  "closure-fronttrunk",
  "connectivitystatus-isasleep",
  "transmission-gearstate",
  "internalcombustionengine-fuellevel",
];

export const DEFAULT_WEBHOOK_SIGNALS = [
  ...DEFAULT_TRIGGERS,
  "odometer-traveleddistance",
  "location-preciselocation",
  "tractionbattery-range",
  "charge-energyadded",
  "charge-timetocomplete",
  "charge-chargelimits",
  "internalcombustionengine-range",
  "motion-currentspeed",
];
