import type { LiveEvent } from "@/lib/live/events";
import type { WebhookEvent } from "@/lib/smartcar/webhook-events";
import type { ApplyResult } from "@/lib/webhooks/apply";

/**
 * What the webhook worker hands to the projections after applying a batch: each event with its
 * result. From it, the newest reading per vehicle and signal that the apply step actually took
 * (older, out-of-order readings were not applied and change nothing here either). Pure.
 */

export interface AppliedEvent {
  event: WebhookEvent;
  result: ApplyResult;
}

export interface Reading {
  body: unknown;
  /** The later of the car's time and Smartcar's fetch time (the delivery time only when neither is known). */
  at: Date;
}

export type VehicleReadings = Map<string, Map<string, Reading>>;

function appliedCodes(live: LiveEvent[]): Set<string> {
  const codes = new Set<string>();
  for (const notice of live) if (notice.type === "vehicle") for (const code of notice.codes) codes.add(code);
  return codes;
}

export function latestReadings(applied: readonly AppliedEvent[]): VehicleReadings {
  const readings: VehicleReadings = new Map();
  for (const { event, result } of applied) {
    if (event.eventType !== "VEHICLE_STATE" || result.status !== "processed" || !result.vehicleId) continue;
    const codes = appliedCodes(result.live);
    if (codes.size === 0) continue;
    let vehicle = readings.get(result.vehicleId);
    if (!vehicle) readings.set(result.vehicleId, (vehicle = new Map()));
    for (const signal of event.signals) {
      if (signal.status !== "SUCCESS" || !codes.has(signal.code)) continue;
      const measured = [signal.oemUpdatedAt, signal.retrievedAt].filter((time): time is Date => time !== null);
      const times = measured.length > 0 ? measured : event.meta.deliveredAt ? [event.meta.deliveredAt] : [];
      if (times.length === 0) continue;
      const at = new Date(Math.max(...times.map((time) => time.getTime())));
      const known = vehicle.get(signal.code);
      if (!known || at >= known.at) vehicle.set(signal.code, { body: signal.body, at });
    }
  }
  return readings;
}

export function readingValue(reading: Reading | undefined): unknown {
  const body = reading?.body as { value?: unknown } | null | undefined;
  return body && typeof body === "object" ? body.value : undefined;
}
