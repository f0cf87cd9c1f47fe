import { describe, expect, it } from "vitest";
import { deriveVehicleStatus, ONLINE_WINDOW_MS, type VehicleStatusInputs } from "@/lib/fleet/vehicle-status";

const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

const healthy: VehicleStatusInputs = {
  connectionStates: ["active"],
  openErrorCount: 0,
  isCharging: false,
  isOnline: true,
  lastSignalAt: minutesAgo(2),
};

describe("deriveVehicleStatus", () => {
  it("calls a connected vehicle that reported recently online", () => {
    expect(deriveVehicleStatus(healthy, now)).toBe("online");
  });

  it("is charging when the latest report says so", () => {
    expect(deriveVehicleStatus({ ...healthy, isCharging: true }, now)).toBe("charging");
  });

  it("a car that says it is charging but went quiet is offline, not charging", () => {
    expect(deriveVehicleStatus({ ...healthy, isCharging: true, lastSignalAt: minutesAgo(61) }, now)).toBe("offline");
  });

  it("goes offline after the online window, and stays online exactly at its edge", () => {
    expect(deriveVehicleStatus({ ...healthy, lastSignalAt: new Date(now.getTime() - ONLINE_WINDOW_MS) }, now)).toBe("online");
    expect(deriveVehicleStatus({ ...healthy, lastSignalAt: new Date(now.getTime() - ONLINE_WINDOW_MS - 1) }, now)).toBe("offline");
  });

  it("is waiting for its first data when it never reported, not offline", () => {
    expect(deriveVehicleStatus({ ...healthy, lastSignalAt: null, isOnline: null, isCharging: null }, now)).toBe("waiting");
    // Problems a person must act on still come first.
    expect(deriveVehicleStatus({ ...healthy, lastSignalAt: null, openErrorCount: 1 }, now)).toBe("error");
    expect(deriveVehicleStatus({ ...healthy, lastSignalAt: null, connectionStates: ["needs_reauth"] }, now)).toBe("needs_reconnect");
    expect(deriveVehicleStatus({ ...healthy, lastSignalAt: null, connectionStates: ["revoked"] }, now)).toBe("disconnected");
  });

  it("believes the car when it reports itself offline, unless it is charging", () => {
    expect(deriveVehicleStatus({ ...healthy, isOnline: false }, now)).toBe("offline");
    expect(deriveVehicleStatus({ ...healthy, isOnline: false, isCharging: true }, now)).toBe("charging");
  });

  it("puts an open error above what the car is doing", () => {
    expect(deriveVehicleStatus({ ...healthy, isCharging: true, openErrorCount: 1 }, now)).toBe("error");
  });

  it("puts a needed reconnect above errors, even when another owner's connection is fine", () => {
    expect(deriveVehicleStatus({ ...healthy, openErrorCount: 3, connectionStates: ["active", "needs_reauth"] }, now)).toBe("needs_reconnect");
  });

  it("is disconnected when there is no connection or every one was revoked", () => {
    expect(deriveVehicleStatus({ ...healthy, connectionStates: [] }, now)).toBe("disconnected");
    expect(deriveVehicleStatus({ ...healthy, connectionStates: ["revoked", "revoked"], openErrorCount: 2 }, now)).toBe("disconnected");
  });

  it("ignores revoked connections next to a live one", () => {
    expect(deriveVehicleStatus({ ...healthy, connectionStates: ["revoked", "active"] }, now)).toBe("online");
  });

  it("treats a report from the future (clock skew) as recent", () => {
    expect(deriveVehicleStatus({ ...healthy, lastSignalAt: minutesAgo(-5) }, now)).toBe("online");
  });
});
