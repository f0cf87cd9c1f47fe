import { describe, expect, it } from "vitest";
import { groupSignals, signalGroupLabel, signalNameLabel } from "@/lib/fleet/signal-groups";

describe("groupSignals", () => {
  it("orders known groups first, unknown groups after them alphabetically, signals by name", () => {
    const groups = groupSignals([
      { group: "Zeppelin", name: "Altitude" },
      { group: "Charge", name: "Voltage" },
      { group: "TractionBattery", name: "StateOfCharge" },
      { group: "Aquarium", name: "FishCount" },
      { group: "Charge", name: "IsCharging" },
      { group: "Diagnostics", name: "Abs" },
    ]);
    expect(groups.map((group) => group.group)).toEqual(["TractionBattery", "Charge", "Diagnostics", "Aquarium", "Zeppelin"]);
    expect(groups[1]!.signals.map((signal) => signal.name)).toEqual(["IsCharging", "Voltage"]);
  });
});

describe("labels", () => {
  it("names groups and signals for people", () => {
    expect(signalGroupLabel("TractionBattery")).toBe("Traction battery");
    expect(signalGroupLabel("ConnectivityStatus")).toBe("Connectivity");
    expect(signalGroupLabel("SomethingNew")).toBe("Something New");
    expect(signalNameLabel("StateOfCharge")).toBe("State of charge");
    expect(signalNameLabel("DTCList")).toBe("DTC list");
  });
});
