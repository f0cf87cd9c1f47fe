import { describe, expect, it } from "vitest";
import { commandCapabilities, type CommandTarget } from "@/lib/commands/capabilities";
import { readingsConfirm } from "@/lib/commands/confirm";

const connected: CommandTarget["connection"] = { status: "active", permissions: ["control_security", "control_charge"], hasV2Token: false };
const target = (overrides: Partial<CommandTarget>): CommandTarget => ({ make: "TESLA", powertrainType: "BEV", connection: connected, refused: {}, ...overrides });

describe("command capabilities", () => {
  it("offers everything a Tesla can do over v3, with the make's charge-limit range", () => {
    const { commands, chargeLimit } = commandCapabilities(target({}));
    expect(Object.values(commands).every((command) => command.available && command.api === "v3")).toBe(true);
    expect(chargeLimit).toEqual({ min: 50, max: 100 });
  });

  it("says why a make, a powertrain or a connection cannot take a command", () => {
    expect(commandCapabilities(target({ make: "Toyota", powertrainType: "PHEV" })).commands.start_charge.reason).toBe("Smartcar does not offer remote charging control for Toyota vehicles.");
    expect(commandCapabilities(target({ make: "BMW" })).commands.lock.reason).toMatch(/remote locking for BMW vehicles/);
    expect(commandCapabilities(target({ make: "Ford" })).commands.set_charge_limit.available).toBe(false);
    expect(commandCapabilities(target({ powertrainType: "ICE" })).commands.stop_charge.reason).toMatch(/electric/);
    expect(commandCapabilities(target({ connection: null })).commands.lock.reason).toMatch(/no active Smartcar connection/);
    expect(commandCapabilities(target({ connection: { ...connected!, status: "needs_reauth" } })).commands.lock.reason).toMatch(/reconnect/);
    expect(commandCapabilities(target({ connection: { ...connected!, permissions: ["read_battery"] } })).commands.unlock.reason).toMatch(/control_security/);
    expect(commandCapabilities(target({ refused: { unlock: { type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE" } } })).commands.unlock.available).toBe(false);
    expect(commandCapabilities(target({ make: "CHEVROLET" })).chargeLimit).toEqual({ min: 60, max: 100 });
  });

  it("sends v2-only makes through v2 when the connection has its own token, and not at all without one", () => {
    expect(commandCapabilities(target({ make: "VOLKSWAGEN" })).commands.lock).toMatchObject({ available: false, reason: expect.stringContaining("v2") });
    expect(commandCapabilities(target({ make: "VOLKSWAGEN", connection: { ...connected!, hasV2Token: true } })).commands.lock).toEqual({ available: true, reason: null, api: "v2" });
  });
});

describe("confirmation by readings", () => {
  const sent = new Date("2026-11-30T10:00:00Z");
  const at = (offsetMs: number) => new Date(sent.getTime() + offsetMs);
  const readings = (entries: Record<string, { body: unknown; at: Date }>) => new Map(Object.entries(entries));

  it("confirms only with a reading taken after the command showing the asked-for state", () => {
    expect(readingsConfirm("lock", null, readings({ "closure-islocked": { body: { value: true }, at: at(2_000) } }), sent)).toBe(true);
    expect(readingsConfirm("lock", null, readings({ "closure-islocked": { body: { value: true }, at: at(-60_000) } }), sent)).toBeUndefined();
    expect(readingsConfirm("unlock", null, readings({ "closure-islocked": { body: { value: true }, at: at(2_000) } }), sent)).toBe(false);
    expect(readingsConfirm("start_charge", null, readings({ "charge-detailedchargingstatus": { body: { value: "CHARGING" }, at: at(1) } }), sent)).toBe(true);
    expect(readingsConfirm("stop_charge", null, readings({ "charge-ischarging": { body: { value: false }, at: at(1) } }), sent)).toBe(true);
    expect(readingsConfirm("set_charge_limit", 90, readings({ "charge-chargelimits": { body: { values: [{ type: "GLOBAL", limit: 90 }], activeLimit: null }, at: at(1) } }), sent)).toBe(true);
    expect(readingsConfirm("set_charge_limit", 90, readings({ "charge-chargelimits": { body: { activeLimit: 80 }, at: at(1) } }), sent)).toBe(false);
    expect(readingsConfirm("lock", null, readings({ "tractionbattery-stateofcharge": { body: { value: 50 }, at: at(1) } }), sent)).toBeUndefined();
  });
});
