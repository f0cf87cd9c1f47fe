import { describe, expect, it } from "vitest";
import { parseWebhookBody, parseWebhookEvent, signalCodeFromDotted } from "@/lib/smartcar/webhook-events";

const meta = { version: "4.0", webhookId: "wh", webhookName: "n", deliveryId: "d", deliveredAt: 1761896351529, mode: "LIVE" };

describe("parseWebhookEvent", () => {
  it("normalises the events-reference VEHICLE_STATE shape, including ERROR signals", () => {
    const result = parseWebhookEvent({
      eventId: "e1",
      eventType: "VEHICLE_STATE",
      vehicleId: "v1",
      data: {
        user: { id: "u1" },
        vehicle: { id: "v1", make: "TESLA", model: "Model 3", year: 2020 },
        triggers: [{ code: "tractionbattery-stateofcharge", name: "StateOfCharge", group: "TractionBattery" }],
        signals: [
          { code: "tractionbattery-stateofcharge", name: "StateOfCharge", group: "TractionBattery", body: { unit: "percent", value: 78 }, meta: { oemUpdatedAt: 1731940328000, fetchedAt: 1731940330000 } },
          { code: "location-isathome", name: "IsAtHome", group: "Location", status: { value: "ERROR", error: { type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE" } } },
        ],
      },
      meta: { ...meta, signalCount: 2 },
    });
    expect(result.ok).toBe(true);
    if (!result.ok || result.event.eventType !== "VEHICLE_STATE") throw new Error("expected VEHICLE_STATE");
    expect(result.event).toMatchObject({ smartcarVehicleId: "v1", smartcarUserId: "u1", triggers: ["tractionbattery-stateofcharge"], vehicle: { make: "TESLA", year: 2020 } });
    expect(result.event.meta.deliveredAt?.getTime()).toBe(1761896351529);
    expect(result.event.signals).toEqual([
      { code: "tractionbattery-stateofcharge", name: "StateOfCharge", group: "TractionBattery", status: "SUCCESS", body: { unit: "percent", value: 78 }, error: null, oemUpdatedAt: new Date(1731940328000), retrievedAt: new Date(1731940330000) },
      { code: "location-isathome", name: "IsAtHome", group: "Location", status: "ERROR", body: null, error: { type: "COMPATIBILITY", code: "VEHICLE_NOT_CAPABLE", description: null, resolution: null }, oemUpdatedAt: null, retrievedAt: null },
    ]);
  });

  it("accepts top-level SIGNAL_UPDATED triggers, status+retrievedAt signals and ISO times", () => {
    const result = parseWebhookEvent({
      eventId: "e2",
      eventType: "VEHICLE_STATE",
      vehicleId: "v1",
      triggers: [{ type: "SIGNAL_UPDATED", signal: { name: "IsCharging", group: "Charge", code: "charge-ischarging" } }],
      data: {
        signals: [{ code: "charge-ischarging", name: "IsCharging", group: "Charge", body: { value: true }, status: { value: "SUCCESS" }, meta: { retrievedAt: "2026-11-01T10:00:01Z", oemUpdatedAt: "2026-11-01T10:00:00Z" } }],
      },
      meta: { ...meta, deliveredAt: "2026-11-01T10:00:02Z" },
    });
    if (!result.ok || result.event.eventType !== "VEHICLE_STATE") throw new Error("expected VEHICLE_STATE");
    expect(result.event.triggers).toEqual(["charge-ischarging"]);
    expect(result.event.signals[0]).toMatchObject({ status: "SUCCESS", oemUpdatedAt: new Date("2026-11-01T10:00:00Z"), retrievedAt: new Date("2026-11-01T10:00:01Z") });
    expect(result.event.meta.deliveredAt).toEqual(new Date("2026-11-01T10:00:02Z"));
    expect(result.event.smartcarUserId).toBeNull();
  });

  it("accepts string triggers and signals keyed by Group.Name, with meta nested in data", () => {
    const result = parseWebhookEvent({
      eventId: "e3",
      eventType: "VEHICLE_STATE",
      vehicleId: "v1",
      data: {
        triggers: ["Charge.IsCharging"],
        signals: { "Charge.IsCharging": { value: false, meta: { oemUpdatedAt: 1000, fetchedAt: 2000 } } },
        meta: { deliveryTimestamp: "2026-11-01T10:00:02Z", deliveryId: "d9" },
      },
    });
    if (!result.ok || result.event.eventType !== "VEHICLE_STATE") throw new Error("expected VEHICLE_STATE");
    expect(result.event.triggers).toEqual(["charge-ischarging"]);
    expect(result.event.signals).toEqual([
      { code: "charge-ischarging", name: "IsCharging", group: "Charge", status: "SUCCESS", body: { value: false }, error: null, oemUpdatedAt: new Date(1000), retrievedAt: new Date(2000) },
    ]);
    expect(result.event.meta).toMatchObject({ deliveryId: "d9", deliveredAt: new Date("2026-11-01T10:00:02Z") });
    expect(signalCodeFromDotted("TractionBattery.StateOfCharge")).toBe("tractionbattery-stateofcharge");
  });

  it("normalises VEHICLE_ERROR, defaulting state to ERROR when absent (S0 example)", () => {
    const result = parseWebhookEvent({
      eventId: "e4",
      eventType: "VEHICLE_ERROR",
      vehicleId: "v1",
      data: {
        user: { id: "u1" },
        vehicle: { id: "v1", make: "BMW", model: "i4", year: 2023, mode: "live", powertrainType: "BEV" },
        errors: [{ type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", statusCode: 400, requestId: "r", resolution: { type: "REAUTHENTICATE", url: "https://connect" }, suggestedUserMessage: "Reconnect" }],
      },
      meta,
    });
    if (!result.ok || result.event.eventType !== "VEHICLE_ERROR") throw new Error("expected VEHICLE_ERROR");
    expect(result.event.errors).toEqual([
      { type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED", state: "ERROR", description: null, suggestedUserMessage: "Reconnect", docUrl: null, statusCode: 400, resolution: { type: "REAUTHENTICATE", url: "https://connect" }, signalCodes: [] },
    ]);
  });

  it("passes unknown event types as UNHANDLED and rejects broken envelopes and shapes", () => {
    const unknown = parseWebhookEvent({ eventId: "e5", eventType: "SOMETHING_NEW", vehicleId: "v9", data: {}, meta });
    expect(unknown).toMatchObject({ ok: true, event: { eventType: "UNHANDLED", originalEventType: "SOMETHING_NEW", smartcarVehicleId: "v9" } });
    expect(parseWebhookBody("{not json")).toMatchObject({ ok: false, reason: "malformed_json" });
    expect(parseWebhookBody("[]")).toMatchObject({ ok: false, reason: "invalid_shape" });
    expect(parseWebhookEvent({ eventType: "VEHICLE_STATE", data: {} })).toMatchObject({ ok: false, reason: "invalid_shape" });
    expect(parseWebhookEvent({ eventId: "e6", eventType: "VEHICLE_STATE", data: { signals: [] } })).toMatchObject({ ok: false, reason: "invalid_shape" });
    expect(parseWebhookEvent({ eventId: "e7", eventType: "VEHICLE_ERROR", vehicleId: "v", data: { errors: [] } })).toMatchObject({ ok: false, reason: "invalid_shape" });
    expect(parseWebhookEvent({ eventId: "e8", eventType: "VERIFY", data: {} })).toMatchObject({ ok: false, reason: "invalid_shape" });
  });
});
