/**
 * The physics of the simulated fleet: each car's state and how it evolves over simulated time —
 * parking, falling asleep, driving trips (position, odometer, energy use), charging sessions.
 * Pure functions over plain data; the clock (clock.ts) persists the results.
 */

export type Powertrain = "BEV" | "PHEV" | "ICE";
export type Activity = "parked" | "driving" | "charging";

export interface VehicleSpecs {
  powertrainType: Powertrain;
  /** Usable traction battery (kWh); 0 for ICE. */
  batteryKwh: number;
  /** Fuel tank (liters); 0 for BEV. */
  tankLiters: number;
  kwhPerKm: number;
  litersPerKm: number;
  /** AC home charging power (kW). */
  chargePowerKw: number;
}

export interface VehicleState {
  specs: VehicleSpecs;
  activity: Activity;
  asleep: boolean;
  socPercent: number;
  fuelPercent: number;
  odometerKm: number;
  latitude: number;
  longitude: number;
  heading: number;
  speedKph: number;
  home: { latitude: number; longitude: number };
  destination: { latitude: number; longitude: number } | null;
  locked: boolean;
  doorOpen: boolean;
  /** The driver's window; absent in states saved before windows were simulated (closed). */
  windowOpen?: boolean;
  /** The rear trunk (tailgate); absent in older saved states (closed). */
  trunkOpen?: boolean;
  plugged: boolean;
  charging: boolean;
  energyAddedKwh: number;
  chargeLimitPercent: number;
  cabinCelsius: number;
  outsideCelsius: number;
  lowVoltageSocPercent: number;
  tirePressuresKpa: [number, number, number, number];
  /** Simulated epoch ms when the current stop ends (parked/charging) — then the next trip starts. */
  nextDepartureAt: number;
  /** Simulated epoch ms of the last change the car itself reported (oemUpdatedAt). */
  oemUpdatedAt: number;
  /** Simulated epoch ms the car last went idle (for falling asleep). */
  idleSince: number;
  /** Presenter holds: the clock neither starts nor ends trips/charging on its own while set. */
  manual: boolean;
  rng: number;
}

/** mulberry32: small, deterministic, serialisable in one integer. */
export function nextRandom(state: { rng: number }): number {
  state.rng = (state.rng + 0x6d2b79f5) | 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const between = (state: { rng: number }, min: number, max: number) => min + nextRandom(state) * (max - min);

export const CITIES = [
  { name: "San Francisco", latitude: 37.7749, longitude: -122.4194 },
  { name: "Oakland", latitude: 37.8044, longitude: -122.2712 },
  { name: "San Jose", latitude: 37.3382, longitude: -121.8863 },
  { name: "Palo Alto", latitude: 37.4419, longitude: -122.143 },
  { name: "Berkeley", latitude: 37.8715, longitude: -122.273 },
] as const;

const SPECS_BY_POWERTRAIN: Record<Powertrain, Omit<VehicleSpecs, "powertrainType">> = {
  BEV: { batteryKwh: 75, tankLiters: 0, kwhPerKm: 0.17, litersPerKm: 0, chargePowerKw: 11 },
  PHEV: { batteryKwh: 18, tankLiters: 42, kwhPerKm: 0.2, litersPerKm: 0.065, chargePowerKw: 6.6 },
  ICE: { batteryKwh: 0, tankLiters: 60, kwhPerKm: 0, litersPerKm: 0.08, chargePowerKw: 0 },
};

const FAST_BATTERIES: Record<string, number> = { "F-150 Lightning": 131, "Model S": 100, "ID.Buzz": 82, "Bolt EUV": 65, bZ4X: 71.4, i4: 81 };

export function specsFor(powertrainType: Powertrain, model: string): VehicleSpecs {
  const base = SPECS_BY_POWERTRAIN[powertrainType];
  const batteryKwh = powertrainType === "BEV" ? (FAST_BATTERIES[model] ?? base.batteryKwh) : base.batteryKwh;
  return { powertrainType, ...base, batteryKwh };
}

/** A plausible starting state for a car, deterministic in `seed`. */
export function initialVehicleState(powertrainType: Powertrain, model: string, seed: number, now: number): VehicleState {
  const random = { rng: seed | 0 };
  const city = CITIES[Math.floor(nextRandom(random) * CITIES.length)]!;
  const home = { latitude: city.latitude + between(random, -0.03, 0.03), longitude: city.longitude + between(random, -0.03, 0.03) };
  const specs = specsFor(powertrainType, model);
  const startsCharging = powertrainType !== "ICE" && nextRandom(random) < 0.3;
  return {
    specs,
    activity: startsCharging ? "charging" : "parked",
    asleep: false,
    socPercent: powertrainType === "ICE" ? 0 : Math.round(between(random, 35, 90)),
    fuelPercent: powertrainType === "BEV" ? 0 : Math.round(between(random, 25, 95)),
    odometerKm: Math.round(between(random, 4_000, 80_000) * 10) / 10,
    latitude: home.latitude,
    longitude: home.longitude,
    heading: Math.round(between(random, 0, 359)),
    speedKph: 0,
    home,
    destination: null,
    locked: true,
    doorOpen: false,
    plugged: startsCharging,
    charging: startsCharging,
    energyAddedKwh: 0,
    chargeLimitPercent: powertrainType === "ICE" ? 100 : 80,
    cabinCelsius: Math.round(between(random, 16, 24) * 10) / 10,
    outsideCelsius: Math.round(between(random, 8, 22) * 10) / 10,
    lowVoltageSocPercent: Math.round(between(random, 82, 99)),
    tirePressuresKpa: [0, 1, 2, 3].map(() => Math.round(between(random, 235, 255))) as VehicleState["tirePressuresKpa"],
    nextDepartureAt: now + Math.round(between(random, 2, 40) * 60_000),
    oemUpdatedAt: now,
    idleSince: now,
    manual: false,
    rng: random.rng,
  };
}

const EARTH_KM_PER_DEGREE = 111.32;

function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = (b.latitude - a.latitude) * EARTH_KM_PER_DEGREE;
  const dLon = (b.longitude - a.longitude) * EARTH_KM_PER_DEGREE * Math.cos((a.latitude * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

function bearing(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = b.latitude - a.latitude;
  const dLon = (b.longitude - a.longitude) * Math.cos((a.latitude * Math.PI) / 180);
  return Math.round(((Math.atan2(dLon, dLat) * 180) / Math.PI + 360) % 360);
}

const SLEEP_AFTER_MS = 15 * 60_000;
const round1 = (value: number) => Math.round(value * 10) / 10;
const clampPercent = (value: number) => Math.min(100, Math.max(0, value));

export function startTrip(state: VehicleState, now: number): void {
  const awayFromHome = distanceKm(state, state.home) > 1;
  const lowBattery = state.specs.powertrainType !== "ICE" && state.socPercent < 25;
  const target = awayFromHome && (lowBattery || nextRandom(state) < 0.4) ? state.home : undefined;
  const angle = nextRandom(state) * Math.PI * 2;
  const km = between(state, 3, 18);
  state.destination = target ?? {
    latitude: state.latitude + (Math.cos(angle) * km) / EARTH_KM_PER_DEGREE,
    longitude: state.longitude + (Math.sin(angle) * km) / (EARTH_KM_PER_DEGREE * Math.cos((state.latitude * Math.PI) / 180)),
  };
  state.activity = "driving";
  state.asleep = false;
  state.plugged = false;
  state.charging = false;
  state.doorOpen = false;
  state.locked = true;
  state.speedKph = Math.round(between(state, 35, 75));
  state.heading = bearing(state, state.destination);
  state.oemUpdatedAt = now;
}

export function park(state: VehicleState, now: number): void {
  state.activity = "parked";
  state.destination = null;
  state.speedKph = 0;
  state.idleSince = now;
  state.nextDepartureAt = now + Math.round(between(state, 20, 150) * 60_000);
  state.oemUpdatedAt = now;
}

export function startCharging(state: VehicleState, now: number): void {
  state.activity = "charging";
  state.plugged = true;
  state.charging = state.socPercent < state.chargeLimitPercent;
  state.energyAddedKwh = 0;
  state.asleep = false;
  state.oemUpdatedAt = now;
  state.nextDepartureAt = Math.max(state.nextDepartureAt, now + 60 * 60_000);
}

export function stopCharging(state: VehicleState, now: number): void {
  state.charging = false;
  state.oemUpdatedAt = now;
}

export function unplug(state: VehicleState, now: number): void {
  state.charging = false;
  state.plugged = false;
  state.activity = "parked";
  state.idleSince = now;
  state.oemUpdatedAt = now;
}

/** Advances one car by `dtMs` of simulated time ending at `now`. Call with small steps (≤ 1 min). */
export function stepVehicle(state: VehicleState, dtMs: number, now: number): void {
  const hours = dtMs / 3_600_000;
  if (state.activity === "driving" && state.destination) {
    const remaining = distanceKm(state, state.destination);
    const travelled = Math.min(remaining, state.speedKph * hours);
    const fraction = remaining === 0 ? 1 : travelled / remaining;
    state.latitude += (state.destination.latitude - state.latitude) * fraction;
    state.longitude += (state.destination.longitude - state.longitude) * fraction;
    state.odometerKm = round1(state.odometerKm + travelled);
    consumePropulsionEnergy(state, travelled);
    state.speedKph = Math.round(Math.min(110, Math.max(25, state.speedKph + between(state, -8, 8))));
    state.oemUpdatedAt = now;
    if (travelled >= remaining - 1e-6) {
      park(state, now);
      const needsCharge = state.specs.powertrainType !== "ICE" && state.socPercent < 50 && distanceKm(state, state.home) < 0.5;
      if (needsCharge) startCharging(state, now);
      if (state.specs.powertrainType !== "BEV" && state.fuelPercent < 15) state.fuelPercent = 100;
    }
    return;
  }
  if (state.activity === "charging" && state.charging) {
    const energy = state.specs.chargePowerKw * hours;
    state.socPercent = clampPercent(state.socPercent + (energy / state.specs.batteryKwh) * 100);
    state.energyAddedKwh = Math.round((state.energyAddedKwh + energy) * 100) / 100;
    state.oemUpdatedAt = now;
    if (state.socPercent >= state.chargeLimitPercent) {
      state.socPercent = state.chargeLimitPercent;
      state.charging = false;
    }
  }
  if (!state.asleep && !state.charging && now - state.idleSince >= SLEEP_AFTER_MS) {
    state.asleep = true;
    state.oemUpdatedAt = now;
  }
  if (!state.manual && now >= state.nextDepartureAt) {
    const atHome = distanceKm(state, state.home) < 0.5;
    if (state.specs.powertrainType !== "ICE" && state.socPercent < 25 && atHome && !state.plugged) {
      startCharging(state, now);
      return;
    }
    if (state.plugged) unplug(state, now);
    startTrip(state, now);
  }
}

function consumePropulsionEnergy(state: VehicleState, km: number): void {
  const { powertrainType, batteryKwh, kwhPerKm, tankLiters, litersPerKm } = state.specs;
  if (powertrainType === "BEV" || (powertrainType === "PHEV" && state.socPercent > 5)) {
    state.socPercent = clampPercent(state.socPercent - ((km * kwhPerKm) / batteryKwh) * 100);
    return;
  }
  state.fuelPercent = clampPercent(state.fuelPercent - ((km * litersPerKm) / tankLiters) * 100);
}

/** Steps a car from `from` to `to` in slices of at most a minute. */
export function advanceVehicle(state: VehicleState, from: number, to: number): void {
  const slice = 60_000;
  for (let t = from; t < to; ) {
    const next = Math.min(to, t + slice);
    stepVehicle(state, next - t, next);
    t = next;
  }
}

export function rangeKm(state: VehicleState): { electric: number; fuel: number } {
  const { batteryKwh, kwhPerKm, tankLiters, litersPerKm } = state.specs;
  return {
    electric: batteryKwh > 0 ? Math.round(((state.socPercent / 100) * batteryKwh) / kwhPerKm) : 0,
    fuel: tankLiters > 0 ? Math.round(((state.fuelPercent / 100) * tankLiters) / litersPerKm) : 0,
  };
}
