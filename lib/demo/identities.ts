/**
 * The demo's Smartcar identities: fixed Smartcar user ids, the OEM-account emails they log into Connect
 * with, and the vehicles on each OEM account. The emulator seeds its world from these constants and the
 * app's demo seed reads them to know whom to ask for (over the v3 API, like any other client).
 * Plain data on purpose: nothing here may import the emulator.
 */

export type DemoPowertrain = "BEV" | "PHEV" | "ICE";

export interface DemoVehicle {
  /** The Smartcar vehicle id the emulator gives this car. */
  id: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  powertrainType: DemoPowertrain;
  nickname: string;
  /** Whether the car is already connected to Fleetdeck when the demo starts. */
  connected: boolean;
}

export interface DemoSmartcarIdentity {
  /** Fleetdeck account this OEM login belongs to in the demo (null: a fleet account without an app login). */
  appUserEmail: string | null;
  /** Smartcar's user id for this OEM account (returned as `user_id` by Connect and used as `sc-user-id`). */
  smartcarUserId: string;
  /** Email typed into the emulator's Connect login form (any password works). */
  oemEmail: string;
  /** Brand of the OEM account; an account only holds cars of its make. */
  make: string;
  vehicles: DemoVehicle[];
}

type VehicleSpec = Omit<DemoVehicle, "id" | "vin">;

function vehicleId(index: number): string {
  return `5c0a7e00-de30-4f1e-9a00-${(0x100000000000 + index).toString(16).slice(1)}`;
}

function vin(make: string, index: number): string {
  const wmi = { Tesla: "5YJ", Ford: "1FT", Volkswagen: "WVW", BMW: "WBA", Toyota: "JTD", Hyundai: "KMH", Kia: "KNA", Chevrolet: "1G1" }[make] ?? "0SC";
  return `${wmi}DEMO${String(index).padStart(4, "0")}FD${String(1000 + index * 37).slice(-4)}`;
}

let nextIndex = 1;
function account(appUserEmail: string | null, smartcarUserId: string, oemEmail: string, make: string, specs: Omit<VehicleSpec, "make">[]): DemoSmartcarIdentity {
  return {
    appUserEmail,
    smartcarUserId,
    oemEmail,
    make,
    vehicles: specs.map((spec) => {
      const index = nextIndex++;
      return { ...spec, make, id: vehicleId(index), vin: vin(make, index) };
    }),
  };
}

/** The demo vehicle owner: two cars connected, a third on the same Tesla account left for a live Connect demo. */
export const DEMO_OWNER = account("owner@demo.fleetdeck.dev", "a1b2c3d4-0001-4000-8000-00000000d001", "owner@demo.fleetdeck.dev", "Tesla", [
  { model: "Model 3", year: 2023, powertrainType: "BEV", nickname: "Blue Arrow", connected: true },
  { model: "Model Y", year: 2024, powertrainType: "BEV", nickname: "Family Y", connected: true },
  { model: "Model S", year: 2021, powertrainType: "BEV", nickname: "Weekend S", connected: false },
]);

/** Fleet accounts holding the rest of the demo fleet. */
export const DEMO_FLEET_ACCOUNTS: DemoSmartcarIdentity[] = [
  account(null, "a1b2c3d4-0002-4000-8000-00000000f001", "fleet@northwind-logistics.example", "Ford", [
    { model: "F-150 Lightning", year: 2023, powertrainType: "BEV", nickname: "NW Truck 1", connected: true },
    { model: "F-150 Lightning", year: 2023, powertrainType: "BEV", nickname: "NW Truck 2", connected: true },
    { model: "Transit", year: 2022, powertrainType: "ICE", nickname: "NW Van 3", connected: true },
    { model: "Transit", year: 2021, powertrainType: "ICE", nickname: "NW Van 4", connected: true },
    { model: "Escape", year: 2023, powertrainType: "PHEV", nickname: "NW Pool 5", connected: true },
  ]),
  account(null, "a1b2c3d4-0003-4000-8000-00000000f002", "ops@greenline-rentals.example", "Volkswagen", [
    { model: "ID.4", year: 2023, powertrainType: "BEV", nickname: "GL ID.4 #1", connected: true },
    { model: "ID.4", year: 2022, powertrainType: "BEV", nickname: "GL ID.4 #2", connected: true },
    { model: "ID.Buzz", year: 2024, powertrainType: "BEV", nickname: "GL Buzz", connected: true },
    { model: "Golf", year: 2020, powertrainType: "ICE", nickname: "GL Golf", connected: true },
  ]),
  account(null, "a1b2c3d4-0004-4000-8000-00000000f003", "fleet@harbor-services.example", "Toyota", [
    { model: "RAV4 Prime", year: 2023, powertrainType: "PHEV", nickname: "HS RAV4 1", connected: true },
    { model: "RAV4 Prime", year: 2022, powertrainType: "PHEV", nickname: "HS RAV4 2", connected: true },
    { model: "Camry", year: 2021, powertrainType: "ICE", nickname: "HS Camry", connected: true },
    { model: "bZ4X", year: 2024, powertrainType: "BEV", nickname: "HS bZ4X", connected: true },
  ]),
  account(null, "a1b2c3d4-0005-4000-8000-00000000f004", "cars@summit-care.example", "Hyundai", [
    { model: "Ioniq 5", year: 2023, powertrainType: "BEV", nickname: "SC Ioniq 5 A", connected: true },
    { model: "Ioniq 5", year: 2024, powertrainType: "BEV", nickname: "SC Ioniq 5 B", connected: true },
    { model: "Tucson", year: 2022, powertrainType: "PHEV", nickname: "SC Tucson", connected: true },
  ]),
  account(null, "a1b2c3d4-0006-4000-8000-00000000f005", "pool@metro-field.example", "BMW", [
    { model: "i4", year: 2023, powertrainType: "BEV", nickname: "MF i4", connected: true },
    { model: "X5 xDrive50e", year: 2024, powertrainType: "PHEV", nickname: "MF X5", connected: true },
    { model: "330i", year: 2021, powertrainType: "ICE", nickname: "MF 330i", connected: true },
  ]),
  account(null, "a1b2c3d4-0007-4000-8000-00000000f006", "fleet@riverbend-utilities.example", "Chevrolet", [
    { model: "Bolt EUV", year: 2023, powertrainType: "BEV", nickname: "RU Bolt", connected: true },
    { model: "Silverado", year: 2022, powertrainType: "ICE", nickname: "RU Silverado", connected: true },
    { model: "Equinox EV", year: 2024, powertrainType: "BEV", nickname: "RU Equinox", connected: true },
  ]),
];

export const DEMO_SMARTCAR_IDENTITIES: DemoSmartcarIdentity[] = [DEMO_OWNER, ...DEMO_FLEET_ACCOUNTS];
