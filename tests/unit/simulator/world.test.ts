import { describe, expect, it } from "vitest";
import { vehicleSignals } from "@/lib/simulator/signals";
import { advanceVehicle, initialVehicleState, startCharging, startTrip } from "@/lib/simulator/world";

const T0 = Date.UTC(2026, 10, 23, 8);

describe("simulated world", () => {
  it("is deterministic for a seed", () => {
    expect(initialVehicleState("BEV", "Model 3", 42, T0)).toEqual(initialVehicleState("BEV", "Model 3", 42, T0));
  });

  it("a trip moves the car, adds distance and uses battery", () => {
    const state = initialVehicleState("BEV", "Model 3", 7, T0);
    state.manual = true;
    const before = { ...state };
    startTrip(state, T0);
    advanceVehicle(state, T0, T0 + 5 * 60_000);
    expect(state.odometerKm).toBeGreaterThan(before.odometerKm);
    expect(state.socPercent).toBeLessThan(before.socPercent);
    expect([state.latitude, state.longitude]).not.toEqual([before.latitude, before.longitude]);
  });

  it("charging raises state of charge up to the limit, then stops", () => {
    const state = initialVehicleState("BEV", "Model 3", 9, T0);
    state.manual = true;
    state.socPercent = 40;
    startCharging(state, T0);
    advanceVehicle(state, T0, T0 + 60 * 60_000);
    expect(state.socPercent).toBeGreaterThan(40);
    expect(state.energyAddedKwh).toBeCloseTo(11, 0);
    advanceVehicle(state, T0 + 60 * 60_000, T0 + 12 * 60 * 60_000);
    expect(state.socPercent).toBe(state.chargeLimitPercent);
    expect(state.charging).toBe(false);
    const status = vehicleSignals(state, "x").find((signal) => signal.code === "charge-detailedchargingstatus");
    expect(status?.body).toEqual({ value: "FULLY_CHARGED" });
  });

  it("reports fuel signals only for combustion cars and battery signals only for electrified ones", () => {
    const codes = (powertrain: "BEV" | "PHEV" | "ICE") => vehicleSignals(initialVehicleState(powertrain, "X", 1, T0), "x").map((signal) => signal.code);
    expect(codes("ICE")).toContain("internalcombustionengine-fuellevel");
    expect(codes("ICE")).not.toContain("tractionbattery-stateofcharge");
    expect(codes("BEV")).not.toContain("internalcombustionengine-fuellevel");
    expect(codes("PHEV")).toEqual(expect.arrayContaining(["tractionbattery-stateofcharge", "internalcombustionengine-fuellevel"]));
  });
});
