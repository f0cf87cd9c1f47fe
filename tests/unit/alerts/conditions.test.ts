import { describe, expect, it } from "vitest";
import { readingCondition } from "@/lib/alerts/conditions";
import { latestReadings, type AppliedEvent } from "@/lib/alerts/readings";
import type { EvaluatedRule } from "@/lib/alerts/rules";
import { indexRules, rulesForVehicle } from "@/lib/alerts/scope";

const reading = (value: unknown, body?: unknown) => ({ body: body ?? { value }, at: new Date() });
const rule = (overrides: Partial<EvaluatedRule>): EvaluatedRule =>
  ({ id: crypto.randomUUID(), kind: "battery_below", params: { threshold: 20 }, scope: "all", scopeValue: null, createdBy: "manager", creatorRole: "manager", ...overrides }) as EvaluatedRule;

describe("reading conditions", () => {
  it("compares the battery and fuel with the threshold, and says nothing without the signal", () => {
    expect(readingCondition(rule({}), new Map([["tractionbattery-stateofcharge", reading(19.5)]]))).toBe(true);
    expect(readingCondition(rule({}), new Map([["tractionbattery-stateofcharge", reading(20)]]))).toBe(false);
    expect(readingCondition(rule({}), new Map([["odometer-traveleddistance", reading(100)]]))).toBeUndefined();
    expect(readingCondition(rule({ kind: "fuel_below" }), new Map([["internalcombustionengine-fuellevel", reading(12)]]))).toBe(true);
  });

  it("tells a finished charge from an interrupted one", () => {
    const finished = rule({ kind: "charging_finished", params: {} });
    const interrupted = rule({ kind: "charging_interrupted", params: {} });
    const state = (status: string, plugged: boolean, soc: number, limit: number) =>
      new Map([
        ["charge-detailedchargingstatus", reading(status)],
        ["charge-ischargingcableconnected", reading(plugged)],
        ["tractionbattery-stateofcharge", reading(soc)],
        ["charge-chargelimits", reading(undefined, { activeLimit: limit })],
      ]);
    expect(readingCondition(finished, state("FULLY_CHARGED", true, 80, 80))).toBe(true);
    expect(readingCondition(interrupted, state("FULLY_CHARGED", true, 80, 80))).toBe(false);
    expect(readingCondition(interrupted, state("NOT_CHARGING", true, 55, 80))).toBe(true);
    expect(readingCondition(interrupted, state("NOT_CHARGING", false, 55, 80))).toBe(false);
    expect(readingCondition(interrupted, state("CHARGING", true, 55, 80))).toBe(false);
  });
});

describe("rule scope", () => {
  it("matches all, make, owner and vehicle scopes, and keeps owners' rules to their own vehicles", () => {
    const rules = [
      rule({ scope: "all" }),
      rule({ scope: "make", scopeValue: "TESLA" }),
      rule({ scope: "owner", scopeValue: "owner-1" }),
      rule({ scope: "vehicle", scopeValue: "car-2" }),
      rule({ scope: "owner", scopeValue: "owner-2", createdBy: "owner-2", creatorRole: "owner" }),
    ];
    const index = indexRules(rules);
    expect(rulesForVehicle(index, { id: "car-1", make: "Tesla", owners: ["owner-1"] })).toHaveLength(3);
    expect(rulesForVehicle(index, { id: "car-2", make: "Ford", owners: ["owner-2"] })).toHaveLength(3);
    expect(rulesForVehicle(index, { id: "car-3", make: "Ford", owners: [] })).toHaveLength(1);
  });
});

describe("applied readings", () => {
  it("keeps the newest applied reading per vehicle and signal, ignoring readings the apply step did not take", () => {
    const event = (value: number, at: number, applied: string[]) =>
      ({
        event: {
          eventType: "VEHICLE_STATE",
          signals: [
            { code: "tractionbattery-stateofcharge", name: "", group: "", status: "SUCCESS", body: { value }, error: null, oemUpdatedAt: new Date(at), retrievedAt: null },
          ],
          meta: { deliveredAt: null },
        },
        result: { status: "processed", vehicleId: "car", userId: null, summary: { routing: "matched" }, live: [{ type: "vehicle", vehicleId: "car", codes: applied }] },
      }) as unknown as AppliedEvent;
    const readings = latestReadings([event(30, 2_000, ["tractionbattery-stateofcharge"]), event(40, 1_000, ["tractionbattery-stateofcharge"]), event(10, 3_000, [])]);
    expect(readings.get("car")!.get("tractionbattery-stateofcharge")!.body).toEqual({ value: 30 });
  });
});
