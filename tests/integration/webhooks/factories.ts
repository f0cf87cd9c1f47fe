import { randomUUID } from "node:crypto";

/** Small builders for Smartcar v4 webhook payloads (contract §5.5, §5.6). */

export interface SignalReading {
  code: string;
  value: unknown;
  unit?: string;
  oemUpdatedAt: number;
}

const NAMES: Record<string, [group: string, name: string]> = {
  "tractionbattery-stateofcharge": ["TractionBattery", "StateOfCharge"],
  "odometer-traveleddistance": ["Odometer", "TraveledDistance"],
  "charge-ischarging": ["Charge", "IsCharging"],
  "location-isathome": ["Location", "IsAtHome"],
};

function identity(code: string) {
  const [group, name] = NAMES[code] ?? [code.split("-")[0] ?? code, code.split("-")[1] ?? code];
  return { code, name, group };
}

export function vehicleStatePayload(options: {
  vehicleId: string;
  userId?: string;
  readings: SignalReading[];
  eventId?: string;
  deliveredAt?: number;
}) {
  return {
    eventId: options.eventId ?? randomUUID(),
    eventType: "VEHICLE_STATE",
    vehicleId: options.vehicleId,
    data: {
      user: { id: options.userId ?? "sc-user-1" },
      vehicle: { id: options.vehicleId, make: "TESLA", model: "Model 3", year: 2022 },
      triggers: [identity(options.readings[0]?.code ?? "tractionbattery-stateofcharge")],
      signals: options.readings.map((reading) => ({
        ...identity(reading.code),
        body: reading.unit ? { unit: reading.unit, value: reading.value } : { value: reading.value },
        status: { value: "SUCCESS" },
        meta: { oemUpdatedAt: reading.oemUpdatedAt, fetchedAt: reading.oemUpdatedAt + 1_000, retrievedAt: reading.oemUpdatedAt + 1_000 },
      })),
    },
    meta: {
      version: "4.0",
      webhookId: "wh-1",
      webhookName: "Fleetdeck",
      deliveryId: randomUUID(),
      deliveredAt: options.deliveredAt ?? Date.now(),
      mode: "LIVE",
      signalCount: options.readings.length,
    },
  };
}

export function vehicleErrorPayload(options: {
  vehicleId: string;
  userId?: string;
  type: string;
  code: string | null;
  state?: "ERROR" | "RESOLVED";
  signals?: string[];
  deliveredAt?: number;
  eventId?: string;
}) {
  return {
    eventId: options.eventId ?? randomUUID(),
    eventType: "VEHICLE_ERROR",
    vehicleId: options.vehicleId,
    data: {
      user: { id: options.userId ?? "sc-user-1" },
      vehicle: { id: options.vehicleId, make: "TESLA", model: "Model 3", year: 2022 },
      errors: [
        {
          type: options.type,
          code: options.code,
          state: options.state ?? "ERROR",
          description: "The vehicle could not be reached.",
          suggestedUserMessage: "Make sure your car is online.",
          docURL: "https://smartcar.com/docs/errors",
          resolution: { type: "RETRY_LATER" },
          signals: (options.signals ?? []).map(identity),
        },
      ],
    },
    meta: { version: "4.0", webhookId: "wh-1", webhookName: "Fleetdeck", deliveryId: randomUUID(), deliveredAt: options.deliveredAt ?? Date.now(), mode: "LIVE" },
  };
}

/** A retry of the same event: same eventId, new deliveryId and deliveredAt (contract §5.1). */
export function redelivery<T extends { meta: { deliveryId: string; deliveredAt: number } }>(payload: T): T {
  return { ...payload, meta: { ...payload.meta, deliveryId: randomUUID(), deliveredAt: payload.meta.deliveredAt + 25_000 } };
}
