import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";
import { describeScope, FEATURES, permissionForSignal, scopeForFeatures } from "@/lib/smartcar/permissions";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "fleetdeck-permissions-"));

describe("requested permissions", () => {
  it("by default asks for what the read features and remote commands use, and nothing for climate", () => {
    const { smartcar } = parseConfig({ FLEETDECK_DATA_DIR: dataDir() });
    expect(smartcar.scope).toEqual([
      "required:read_vehicle_info",
      "read_vin",
      "read_odometer",
      "read_battery",
      "read_charge",
      "read_fuel",
      "read_location",
      "read_security",
      "read_tires",
      "control_security",
      "control_charge",
    ]);
    expect(smartcar.scope).not.toContain("read_thermometer");
  });

  it("follows SMARTCAR_FEATURES, keeps vehicle identity always on, and adds the commands' permissions when they are enabled", () => {
    const { smartcar } = parseConfig({ FLEETDECK_DATA_DIR: dataDir(), SMARTCAR_FEATURES: "odometer, commands" });
    expect(smartcar.features).toEqual(["odometer", "commands"]);
    expect(smartcar.scope).toEqual(["required:read_vehicle_info", "read_vin", "read_odometer", "control_security", "control_charge"]);
  });

  it("lets SMARTCAR_SCOPE override the features verbatim, and names a bad feature", () => {
    const { smartcar } = parseConfig({ FLEETDECK_DATA_DIR: dataDir(), SMARTCAR_FEATURES: "odometer", SMARTCAR_SCOPE: "read_odometer required:read_location" });
    expect(smartcar.scope).toEqual(["read_odometer", "required:read_location"]);
    expect(() => parseConfig({ FLEETDECK_DATA_DIR: dataDir(), SMARTCAR_FEATURES: "odometer,teleport" })).toThrow(ConfigError);
    expect(() => parseConfig({ FLEETDECK_DATA_DIR: dataDir(), SMARTCAR_FEATURES: "odometer,teleport" })).toThrow(/SMARTCAR_FEATURES/);
  });

  it("gives every requested permission a reason, and says when only the override asks for one", () => {
    for (const feature of FEATURES) for (const request of feature.permissions) expect(request.reason.length).toBeGreaterThan(10);
    const described = describeScope([...scopeForFeatures(["commands"]), "read_compass"]);
    expect(described.find((entry) => entry.permission === "read_vehicle_info")).toMatchObject({ required: true, features: ["Vehicle identity"] });
    expect(described.find((entry) => entry.permission === "control_charge")?.reasons[0]).toMatch(/charging/);
    expect(described.find((entry) => entry.permission === "read_compass")).toEqual({ permission: "read_compass", required: false, features: [], reasons: [] });
  });

  it("knows which permission a signal is read under", () => {
    expect(permissionForSignal("tractionbattery-stateofcharge")).toBe("read_battery");
    expect(permissionForSignal("vehicleidentification-vin")).toBe("read_vin");
    expect(permissionForSignal("vehicleidentification-nickname")).toBe("read_vehicle_info");
    expect(permissionForSignal("climate-internaltemperature")).toBe("read_thermometer");
    expect(permissionForSignal("closure-doors")).toBe("read_security");
    expect(permissionForSignal("teleporter-charge")).toBeNull();
  });
});
