import { describe, expect, it } from "vitest";
import { signalsPageSchema, singleSignalSchema, vehicleV3Schema, commandExecutionSchema, managementConnectionsSchema, connectionsPageSchema } from "@/lib/smartcar/schemas";
import { canonicalUnit, flatSignalSchema, normalizeSignal, parseSignalTime } from "@/lib/smartcar/signals";

function resource(code: string, body: unknown, extra: Record<string, unknown> = {}) {
  const [group, name] = code.split("-");
  return {
    id: code,
    type: "signal",
    attributes: { code, name, group, status: { value: "SUCCESS" }, body },
    meta: { retrievedAt: 1752104218549, oemUpdatedAt: 1752104118549 },
    links: { self: `/vehicles/v/signals/${code}` },
    ...extra,
  };
}

describe("signals", () => {
  it("normalizes a REST signal resource", () => {
    expect(singleSignalSchema.parse(resource("charge-voltage", { unit: "volts", value: 85 }))).toEqual({
      code: "charge-voltage",
      name: "voltage",
      group: "charge",
      status: "SUCCESS",
      body: { unit: "volts", value: 85 },
      error: null,
      oemUpdatedAt: new Date(1752104118549),
      retrievedAt: new Date(1752104218549),
    });
  });

  it("accepts a data-wrapped single signal too", () => {
    expect(singleSignalSchema.parse({ data: resource("closure-islocked", { value: true }) }).body).toEqual({ value: true });
  });

  it("keeps unknown signals and every unit spelling untouched", () => {
    const page = signalsPageSchema.parse({
      data: [
        resource("charge-amperage", { unit: "amps", value: 32 }),
        resource("charge-energyadded", { unit: "kilowatt_hours", value: 25.5 }),
        resource("futuregroup-brandnewsignal", { whatever: [1, 2, 3] }),
      ],
      meta: { page: 1, pageSize: 10, totalCount: 3 },
      links: { self: "/x", next: null },
    });
    expect(page.items.map((signal) => signal.code)).toEqual(["charge-amperage", "charge-energyadded", "futuregroup-brandnewsignal"]);
    expect(page.items[2]!.body).toEqual({ whatever: [1, 2, 3] });
    expect(page).toMatchObject({ page: 1, pageSize: 10, totalCount: 3, next: null });
  });

  it("reads per-signal errors, both webhook and REST flavour", () => {
    const erred = normalizeSignal(
      flatSignalSchema.parse({
        code: "location-isathome",
        name: "IsAtHome",
        group: "Location",
        status: { value: "ERROR", error: { type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE", resolution: "CONTACT_SUPPORT" } },
      }),
    );
    expect(erred).toMatchObject({
      status: "ERROR",
      body: null,
      error: { type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE", description: null, resolution: { type: "CONTACT_SUPPORT", url: null } },
    });
  });

  it("reads fetchedAt (webhooks) as well as retrievedAt, in ms, s or ISO", () => {
    const flat = flatSignalSchema.parse({ code: "odometer-traveleddistance", body: { unit: "kilometers", value: 1 }, meta: { fetchedAt: "2026-01-01T00:00:00Z", oemUpdatedAt: 1752104118 } });
    const signal = normalizeSignal(flat);
    expect(signal.retrievedAt).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(signal.oemUpdatedAt).toEqual(new Date(1752104118000));
    expect(signal).toMatchObject({ status: "SUCCESS", group: "odometer", name: "traveleddistance" });
    expect(parseSignalTime(null)).toBeNull();
    expect(parseSignalTime("nonsense")).toBeNull();
  });

  it("maps unit spellings for display", () => {
    expect([canonicalUnit("ampere"), canonicalUnit("amps"), canonicalUnit("kWh"), canonicalUnit("kilowatt_hours"), canonicalUnit("percent"), canonicalUnit("zorks")]).toEqual([
      "A",
      "A",
      "kWh",
      "kWh",
      "%",
      "zorks",
    ]);
  });
});

describe("other v3 and management shapes", () => {
  const attributes = { make: "Toyota", model: "Camry", year: 2020 };

  it("vehicle with or without the data wrapper", () => {
    expect(vehicleV3Schema.parse({ data: { id: "v1", type: "vehicle", attributes: { ...attributes, powertrainType: "ICE", mode: "live" } } })).toEqual({
      id: "v1",
      ...attributes,
      powertrainType: "ICE",
      mode: "live",
    });
    expect(vehicleV3Schema.parse({ id: "v1", type: "vehicle", attributes })).toEqual({ id: "v1", ...attributes, powertrainType: null, mode: null });
  });

  it("connections from relationships", () => {
    const page = connectionsPageSchema.parse({
      data: [
        {
          id: "c1",
          type: "connection",
          attributes: { permissions: ["read_odometer"], vehicle: { make: "BMW", model: "i4", year: 2023, mode: "live", powertrainType: "BEV" } },
          relationships: { vehicle: { data: { id: "v1", type: "vehicle" } }, user: { data: { id: "u1", type: "user" } } },
          meta: { createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-02T00:00:00Z" },
        },
      ],
    });
    expect(page.items[0]).toMatchObject({ id: "c1", vehicleId: "v1", userId: "u1", permissions: ["read_odometer"], createdAt: new Date("2026-01-01T00:00:00Z") });
    expect(page.next).toBeNull();
  });

  it("command execution with status object or string", () => {
    const execution = commandExecutionSchema.parse({
      data: {
        id: "exec_1",
        type: "command-execution",
        attributes: { commandType: "charge-set-limit", status: { value: "SUCCESS" }, executionMode: "sync", parameters: { percent: 80 } },
        meta: { executedAt: "2026-01-01T00:00:00Z", completedAt: "2026-01-01T00:00:02Z", durationInSeconds: 2 },
      },
    });
    expect(execution).toMatchObject({ id: "exec_1", status: "SUCCESS", parameters: { percent: 80 }, completedAt: new Date("2026-01-01T00:00:02Z") });
    expect(commandExecutionSchema.parse({ attributes: { status: "PENDING" } }).status).toBe("PENDING");
  });

  it("management connections with connectedAt or the older createdAt", () => {
    const parsed = managementConnectionsSchema.parse({
      connections: [
        { userId: "u1", vehicleId: "v1", connectedAt: "2026-01-01T00:00:00Z", mode: "live" },
        { userId: "u2", vehicleId: "v2", createdAt: "2025-01-01T00:00:00Z" },
      ],
      paging: { cursor: "next-1" },
    });
    expect(parsed.connections.map((connection) => connection.connectedAt?.toISOString())).toEqual(["2026-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"]);
    expect(parsed.cursor).toBe("next-1");
  });
});
