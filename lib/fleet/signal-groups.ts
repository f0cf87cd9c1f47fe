/** Orders and names Smartcar signal groups for the vehicle page; groups it does not know come last. */

export const SIGNAL_GROUP_ORDER = [
  "TractionBattery",
  "Charge",
  "Odometer",
  "Location",
  "Closure",
  "Climate",
  "HVAC",
  "Diagnostics",
  "ConnectivityStatus",
  "ConnectivitySoftware",
  "InternalCombustionEngine",
  "LowVoltageBattery",
  "Motion",
  "Transmission",
  "Wheel",
  "Service",
  "Surveillance",
  "VehicleIdentification",
  "VehicleUserAccount",
] as const;

const GROUP_LABELS: Record<string, string> = {
  TractionBattery: "Traction battery",
  ConnectivityStatus: "Connectivity",
  ConnectivitySoftware: "Software",
  InternalCombustionEngine: "Engine",
  LowVoltageBattery: "12 V battery",
  HVAC: "HVAC",
  VehicleIdentification: "Identification",
  VehicleUserAccount: "User account",
};

export function signalGroupLabel(group: string): string {
  return GROUP_LABELS[group] ?? group.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** "StateOfCharge" → "State of charge". */
export function signalNameLabel(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2");
  const lower = words.toLowerCase().replace(/\b(dtc|ev|hv|abs|mil|oem|vin)\b/g, (match) => match.toUpperCase());
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export interface SignalGroup<Signal> {
  group: string;
  label: string;
  signals: Signal[];
}

export function groupSignals<Signal extends { group: string; name: string }>(signals: readonly Signal[]): SignalGroup<Signal>[] {
  const byGroup = new Map<string, Signal[]>();
  for (const signal of signals) {
    const list = byGroup.get(signal.group) ?? [];
    list.push(signal);
    byGroup.set(signal.group, list);
  }
  const rank = (group: string) => {
    const index = (SIGNAL_GROUP_ORDER as readonly string[]).indexOf(group);
    return index === -1 ? SIGNAL_GROUP_ORDER.length : index;
  };
  return [...byGroup.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([group, list]) => ({
      group,
      label: signalGroupLabel(group),
      signals: [...list].sort((a, b) => a.name.localeCompare(b.name)),
    }));
}
