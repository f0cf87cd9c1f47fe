import { describe, expect, it } from "vitest";
import { formatAge, signalFreshness } from "@/lib/fleet/signal-freshness";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;

describe("signalFreshness", () => {
  it("measures from the car's own timestamp when there is one", () => {
    const freshness = signalFreshness({ oemUpdatedAt: ago(3 * MIN), retrievedAt: ago(10 * 1000) }, now);
    expect(freshness).toMatchObject({ level: "live", source: "oem", ageMs: 3 * MIN, label: "3 min ago" });
    expect(freshness.measuredFrom).toEqual(ago(3 * MIN));
  });

  it("falls back to the retrieval time", () => {
    expect(signalFreshness({ oemUpdatedAt: null, retrievedAt: ago(20 * MIN) }, now)).toMatchObject({ level: "recent", source: "retrieved", label: "20 min ago" });
  });

  it("an old car reading fetched just now is still stale", () => {
    expect(signalFreshness({ oemUpdatedAt: ago(3 * 60 * MIN), retrievedAt: now }, now)).toMatchObject({ level: "stale", label: "3 h ago" });
  });

  it("draws the level boundaries at 5 minutes and 1 hour", () => {
    expect(signalFreshness({ oemUpdatedAt: ago(5 * MIN), retrievedAt: null }, now).level).toBe("live");
    expect(signalFreshness({ oemUpdatedAt: ago(5 * MIN + 1), retrievedAt: null }, now).level).toBe("recent");
    expect(signalFreshness({ oemUpdatedAt: ago(60 * MIN), retrievedAt: null }, now).level).toBe("recent");
    expect(signalFreshness({ oemUpdatedAt: ago(60 * MIN + 1), retrievedAt: null }, now).level).toBe("stale");
  });

  it("is unknown without any timestamp", () => {
    expect(signalFreshness({ oemUpdatedAt: null, retrievedAt: null }, now)).toEqual({
      level: "unknown",
      measuredFrom: null,
      source: null,
      ageMs: null,
      label: "no timestamp",
    });
  });

  it("clamps timestamps in the future to zero age", () => {
    expect(signalFreshness({ oemUpdatedAt: ago(-2 * MIN), retrievedAt: null }, now)).toMatchObject({ ageMs: 0, level: "live", label: "just now" });
  });
});

describe("formatAge", () => {
  it.each([
    [0, "just now"],
    [59_999, "just now"],
    [MIN, "1 min ago"],
    [59 * MIN, "59 min ago"],
    [60 * MIN, "1 h ago"],
    [23 * 60 * MIN + 59 * MIN, "23 h ago"],
    [24 * 60 * MIN, "1 day ago"],
    [3 * 24 * 60 * MIN, "3 days ago"],
    [90 * 24 * 60 * MIN, "3 months ago"],
    [800 * 24 * 60 * MIN, "2 years ago"],
  ])("%d ms reads %s", (ageMs, label) => {
    expect(formatAge(ageMs)).toBe(label);
  });
});
