/**
 * Which Smartcar permissions Fleetdeck asks an owner for, and why. Each feature names the permissions
 * it uses and the reason shown to the owner before Connect; the requested scope is exactly the
 * permissions of the enabled features (SMARTCAR_FEATURES), unless SMARTCAR_SCOPE overrides it.
 * Plain data and pure functions: safe for client components and the config module alike.
 */

export interface PermissionRequest {
  permission: string;
  /** `required:` in the Connect URL: the owner cannot untick it on Smartcar's grant screen. */
  required?: boolean;
  /** Shown to the owner: what Fleetdeck does with it. */
  reason: string;
}

export interface Feature {
  id: string;
  label: string;
  /** Enabled when SMARTCAR_FEATURES is not set. */
  defaultOn: boolean;
  /** Cannot be switched off: every other feature builds on it. */
  alwaysOn?: boolean;
  permissions: PermissionRequest[];
}

export const FEATURES = [
  {
    id: "identity",
    label: "Vehicle identity",
    defaultOn: true,
    alwaysOn: true,
    permissions: [
      { permission: "read_vehicle_info", required: true, reason: "The make, model and year, so the car is listed under its name." },
      { permission: "read_vin", reason: "The VIN, so your fleet manager can tell cars apart and find yours by it." },
    ],
  },
  { id: "odometer", label: "Odometer", defaultOn: true, permissions: [{ permission: "read_odometer", reason: "The mileage, for trips and service intervals." }] },
  { id: "battery", label: "Battery", defaultOn: true, permissions: [{ permission: "read_battery", reason: "The state of charge and range of electric and hybrid cars." }] },
  {
    id: "charging",
    label: "Charging",
    defaultOn: true,
    permissions: [{ permission: "read_charge", reason: "Whether the car is plugged in and charging, and when it will be full." }],
  },
  { id: "fuel", label: "Fuel", defaultOn: true, permissions: [{ permission: "read_fuel", reason: "The fuel level and range of combustion and hybrid cars." }] },
  { id: "location", label: "Location", defaultOn: true, permissions: [{ permission: "read_location", reason: "Where the car is, for the fleet map and trips." }] },
  {
    id: "security",
    label: "Doors and locks",
    defaultOn: true,
    permissions: [{ permission: "read_security", reason: "Whether the doors, windows and trunk are closed and the car is locked." }],
  },
  { id: "tires", label: "Tires", defaultOn: true, permissions: [{ permission: "read_tires", reason: "The tire pressures, to catch a slow puncture early." }] },
  {
    id: "climate",
    label: "Temperatures",
    defaultOn: false,
    permissions: [{ permission: "read_thermometer", reason: "The cabin and outside temperature." }],
  },
  {
    id: "commands",
    label: "Remote commands",
    defaultOn: true,
    permissions: [
      { permission: "control_security", reason: "To lock and unlock the car when you or your fleet manager ask Fleetdeck to." },
      { permission: "control_charge", reason: "To start and stop charging and set the charge limit." },
    ],
  },
] as const satisfies readonly Feature[];

export type FeatureId = (typeof FEATURES)[number]["id"];

export const FEATURE_IDS = FEATURES.map((feature) => feature.id) as FeatureId[];

export function isFeatureId(value: string): value is FeatureId {
  return (FEATURE_IDS as string[]).includes(value);
}

export function defaultFeatures(): FeatureId[] {
  return FEATURES.filter((feature) => feature.defaultOn).map((feature) => feature.id);
}

/** The enabled features in catalogue order, always-on ones included. */
export function enabledFeatures(chosen: readonly FeatureId[]): Feature[] {
  return FEATURES.filter((feature) => ("alwaysOn" in feature && feature.alwaysOn) || chosen.includes(feature.id));
}

/** Connect's `scope` for these features: each permission once, `required:` where a feature insists. */
export function scopeForFeatures(chosen: readonly FeatureId[]): string[] {
  const scope = new Map<string, boolean>();
  for (const feature of enabledFeatures(chosen)) {
    for (const request of feature.permissions as readonly PermissionRequest[]) {
      scope.set(request.permission, (scope.get(request.permission) ?? false) || Boolean(request.required));
    }
  }
  return [...scope].map(([permission, required]) => (required ? `required:${permission}` : permission));
}

/** `required:read_vehicle_info` → `read_vehicle_info`. */
export function permissionName(scopeItem: string): string {
  return scopeItem.replace(/^required:/, "");
}

export interface RequestedPermission {
  permission: string;
  required: boolean;
  /** The features that use it; empty when only SMARTCAR_SCOPE asks for it. */
  features: string[];
  reasons: string[];
}

/** What the configured scope asks for, with the reasons of the features that use each permission. */
export function describeScope(scope: readonly string[]): RequestedPermission[] {
  return scope.map((item) => {
    const permission = permissionName(item);
    const users = FEATURES.flatMap((feature) =>
      (feature.permissions as readonly PermissionRequest[]).filter((request) => request.permission === permission).map((request) => ({ feature: feature.label, reason: request.reason })),
    );
    return { permission, required: item.startsWith("required:"), features: users.map((use) => use.feature), reasons: users.map((use) => use.reason) };
  });
}

/**
 * The permission a signal is read under, by Smartcar's signal groups (contract §9, §1.5). Unknown
 * groups answer null: their errors are shown as they come, never judged against the request.
 */
export function permissionForSignal(code: string): string | null {
  if (code === "vehicleidentification-vin") return "read_vin";
  if (code === "internalcombustionengine-oillife") return "read_engine_oil";
  const group = code.split("-")[0];
  switch (group) {
    case "odometer":
      return "read_odometer";
    case "location":
      return "read_location";
    case "tractionbattery":
      return "read_battery";
    case "charge":
      return "read_charge";
    case "internalcombustionengine":
      return "read_fuel";
    case "closure":
      return "read_security";
    case "wheel":
      return "read_tires";
    case "climate":
      return "read_thermometer";
    case "hvac":
      return "read_climate";
    case "motion":
      return "read_speedometer";
    case "vehicleidentification":
    case "connectivitystatus":
    case "connectivitysoftware":
    case "lowvoltagebattery":
    case "transmission":
      return "read_vehicle_info";
    default:
      return null;
  }
}
