import { describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/guards";
import type { LiveEvent } from "@/lib/live/events";
import { createMemoryHub, notifyPayloads } from "@/lib/live/hub";
import { liveEventStream } from "@/lib/live/sse";

async function collect(user: SessionUser, visible: string[], events: LiveEvent[]): Promise<string> {
  const hub = createMemoryHub();
  const abort = new AbortController();
  const response = liveEventStream({ user, hub, canSeeVehicle: async (id) => visible.includes(id), signal: abort.signal });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.getReader();
  await hub.publish(events);
  await new Promise((resolve) => setTimeout(resolve, 20));
  abort.abort();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  return text;
}

const events: LiveEvent[] = [
  { type: "vehicle", vehicleId: "mine", codes: ["tractionbattery-stateofcharge"] },
  { type: "vehicle", vehicleId: "theirs", codes: ["odometer-traveleddistance"] },
  { type: "errors", vehicleId: null },
  { type: "delivery", deliveryId: 7, status: "processed" },
];

describe("liveEventStream", () => {
  it("gives an owner only notices about vehicles they may see", async () => {
    const text = await collect({ id: "u", email: "o@example.com", name: null, role: "owner" }, ["mine"], events);
    expect(text).toContain("event: ready");
    expect(text).toContain('"vehicleId":"mine"');
    expect(text).not.toContain('"vehicleId":"theirs"');
    expect(text).not.toContain("event: delivery");
    expect(text).not.toContain("event: errors");
  });

  it("gives a manager every notice, deliveries and unmatched errors included", async () => {
    const text = await collect({ id: "m", email: "m@example.com", name: null, role: "manager" }, ["mine", "theirs"], events);
    expect(text.match(/^event: (vehicle|errors|delivery)$/gm)).toEqual(["event: vehicle", "event: vehicle", "event: errors", "event: delivery"]);
  });
});

describe("notifyPayloads", () => {
  it("splits large batches below PostgreSQL's NOTIFY limit without losing events", () => {
    const many: LiveEvent[] = Array.from({ length: 400 }, (_, index) => ({ type: "vehicle", vehicleId: `vehicle-${index}`, codes: ["a-b", "c-d"] }));
    const payloads = notifyPayloads(many);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.every((payload) => Buffer.byteLength(payload) < 8_000)).toBe(true);
    expect(payloads.flatMap((payload) => JSON.parse(payload) as LiveEvent[])).toEqual(many);
  });
});
