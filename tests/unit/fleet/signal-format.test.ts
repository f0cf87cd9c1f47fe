import { describe, expect, it } from "vitest";
import { formatQuantity, formatSignal, humanize, unitSymbol } from "@/lib/fleet/signal-format";

describe("unitSymbol", () => {
  it.each([
    ["percent", "%"],
    ["kilometers", "km"],
    ["miles", "mi"],
    ["celsius", "°C"],
    ["kph", "km/h"],
    ["km/h", "km/h"],
    ["miles_per_hour", "mph"],
    ["ampere", "A"],
    ["amps", "A"],
    ["volts", "V"],
    ["watts", "W"],
    ["kWh", "kWh"],
    ["kilowatt_hours", "kWh"],
    ["kWhr", "kWh"],
    ["Kilowatt Hours", "kWh"],
    ["liters", "L"],
    ["count", ""],
  ])("%s → %j", (unit, symbol) => {
    expect(unitSymbol(unit)).toBe(symbol);
  });

  it("shows units it does not know as sent", () => {
    expect(unitSymbol("furlongs")).toBe("furlongs");
    expect(unitSymbol(null)).toBe("");
  });
});

describe("formatQuantity", () => {
  it("formats percent, large distances and decimals", () => {
    expect(formatQuantity(78, "percent")).toBe("78%");
    expect(formatQuantity(50000, "kilometers")).toBe("50,000 km");
    expect(formatQuantity(22.54, "celsius")).toBe("22.5 °C");
    expect(formatQuantity(25.5, "kilowatt_hours")).toBe("25.5 kWh");
    expect(formatQuantity(2, "count")).toBe("2");
  });
});

describe("formatSignal", () => {
  it("renders numeric signals with their unit", () => {
    expect(formatSignal("tractionbattery-stateofcharge", { unit: "percent", value: 78 })).toEqual({ value: "78%", tone: "neutral", details: [] });
    expect(formatSignal("odometer-traveleddistance", { unit: "kilometers", value: 50123.4 }).value).toBe("50,123 km");
  });

  it("lists a range's additional values with the range's unit", () => {
    const display = formatSignal("tractionbattery-range", {
      unit: "kilometers",
      value: 350,
      additionalValues: [{ type: "IDEAL_CONDITIONS", value: 380 }],
    });
    expect(display.value).toBe("350 km");
    expect(display.details).toEqual([{ label: "Ideal conditions", value: "380 km" }]);
  });

  it("names booleans after what they mean", () => {
    expect(formatSignal("charge-ischarging", { value: true })).toMatchObject({ value: "Charging", tone: "good" });
    expect(formatSignal("closure-islocked", { value: false })).toMatchObject({ value: "Unlocked", tone: "warn" });
    expect(formatSignal("hvac-iscabinhvacactive", { value: true }).value).toBe("Yes");
  });

  it("renders the time to complete as a duration", () => {
    expect(formatSignal("charge-timetocomplete", { value: 75 }).value).toBe("1 h 15 min");
  });

  it("humanizes enum values but leaves version strings alone", () => {
    expect(formatSignal("charge-detailedchargingstatus", { value: "FULLY_CHARGED" }).value).toBe("Fully charged");
    expect(formatSignal("connectivitysoftware-currentfirmwareversion", { value: "2024.4.5" }).value).toBe("2024.4.5");
  });

  it("renders a precise location with its heading", () => {
    const display = formatSignal("location-preciselocation", { latitude: 52.52, longitude: 13.405, heading: 90, direction: "E", locationType: "CURRENT" });
    expect(display.value).toBe("52.52000, 13.40500");
    expect(display.details).toEqual([
      { label: "Heading", value: "90° (E)" },
      { label: "Type", value: "Current" },
    ]);
  });

  it("marks diagnostics alerts as bad and keeps their description", () => {
    expect(formatSignal("diagnostics-tirepressure", { status: "OK", description: null })).toEqual({ value: "OK", tone: "good", details: [] });
    expect(formatSignal("diagnostics-tirepressure", { status: "ALERT", description: "Front left low" })).toEqual({
      value: "Alert",
      tone: "bad",
      details: [{ label: "Description", value: "Front left low" }],
    });
  });

  it("summarizes doors and warns when one is open", () => {
    const display = formatSignal("closure-doors", {
      values: [
        { row: 0, column: 0, isOpen: false, isLocked: true },
        { row: 0, column: 1, isOpen: true, isLocked: false },
      ],
      rowCount: 1,
      columnCount: 2,
    });
    expect(display.value).toBe("1 open, 1 unlocked");
    expect(display.tone).toBe("warn");
    expect(display.details).toEqual([
      { label: "Row 1, left", value: "Closed · Locked" },
      { label: "Row 1, right", value: "Open · Unlocked" },
    ]);
  });

  it("shows the active charge limit", () => {
    const display = formatSignal("charge-chargelimits", { values: [{ type: "GLOBAL", limit: 80, condition: null }], activeLimit: 80, unit: "percent" });
    expect(display.value).toBe("80%");
    expect(display.details).toEqual([{ label: "Global limit", value: "80%" }]);
  });

  it("lists trouble codes", () => {
    expect(formatSignal("diagnostics-dtclist", { values: [{ code: "P0300", timestamp: "2026-01-01T00:00:00Z" }] })).toMatchObject({ value: "P0300", tone: "warn" });
    expect(formatSignal("diagnostics-dtclist", { values: [] })).toMatchObject({ value: "No trouble codes", tone: "good" });
  });

  it("still shows a signal it has never heard of, field by field", () => {
    const display = formatSignal("teleport-coordinates", { warpFactor: 9, engaged: true, crew: { captain: "Kirk" } });
    expect(display.details).toEqual([
      { label: "Warp factor", value: "9" },
      { label: "Engaged", value: "Yes" },
      { label: "Crew", value: "Captain: Kirk" },
    ]);
  });

  it("shows non-object bodies as they are", () => {
    expect(formatSignal("odd-thing", 42).value).toBe("42");
    expect(formatSignal("odd-thing", null).value).toBe("—");
  });
});

describe("humanize", () => {
  it("turns constants and camelCase into words", () => {
    expect(humanize("LAST_PARKED")).toBe("Last parked");
    expect(humanize("oemDisplayName")).toBe("Oem display name");
    expect(humanize("Sentry Mode")).toBe("Sentry Mode");
  });

  it("shows identification values as the car spells them", () => {
    expect(formatSignal("vehicleidentification-vin", { value: "WVWDEMO0011FD1407" }).value).toBe("WVWDEMO0011FD1407");
    expect(formatSignal("vehicleidentification-exteriorcolor", { value: "PEARL_WHITE" }).value).toBe("PEARL_WHITE");
  });
});
