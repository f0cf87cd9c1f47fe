import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TokenBucket, VehiclePacer, backoffDelay, sleep } from "@/lib/smartcar/limits";

describe("backoff", () => {
  const options = { baseMs: 500, capMs: 8_000 };

  it("grows exponentially up to the cap, with full jitter", () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, null, () => 0.999999))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(3, options, null, () => 0)).toBe(0);
    expect(backoffDelay(3, options, null, () => 0.5)).toBe(1000);
  });

  it("never waits less than retry-after", () => {
    expect(backoffDelay(1, options, 7, () => 0.5)).toBe(7_000);
    expect(backoffDelay(6, options, 1, () => 1)).toBe(8_000);
  });
});

describe("with fake timers", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("token bucket: a burst goes through, then requests wait for the refill", async () => {
    const bucket = new TokenBucket(3, 2); // 2 per minute → one every 30 s
    for (let i = 0; i < 3; i += 1) expect(await bucket.take(60_000)).toBe(true);
    let fourth = false;
    let fifth = false;
    void bucket.take(60_000).then(() => (fourth = true));
    void bucket.take(60_000).then(() => (fifth = true));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fourth).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fourth).toBe(true);
    expect(fifth).toBe(false);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fifth).toBe(true);
  });

  it("token bucket: refuses when the wait would be longer than allowed", async () => {
    const bucket = new TokenBucket(1, 2);
    expect(await bucket.take(0)).toBe(true);
    expect(await bucket.take(10_000)).toBe(false);
    expect(bucket.available()).toBeCloseTo(0, 5);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await bucket.take(0)).toBe(true);
  });

  it("vehicle pacer: spaces requests to one vehicle but not to others", () => {
    const pacer = new VehiclePacer(1_000);
    expect(pacer.book("a")).toBe(0);
    expect(pacer.book("a")).toBe(1_000);
    expect(pacer.book("a")).toBe(2_000);
    expect(pacer.book("b")).toBe(0);
  });

  it("vehicle pacer: holds a throttled vehicle until retry-after has passed", async () => {
    const pacer = new VehiclePacer(0);
    pacer.block("a", 20);
    let done = false;
    void pacer.wait("a").then(() => (done = true));
    await vi.advanceTimersByTimeAsync(19_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(pacer.book("b")).toBe(0);
  });

  it("sleep can be aborted", async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});
