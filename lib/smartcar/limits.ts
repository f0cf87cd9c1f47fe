/**
 * Client-side limits (contract §4.3): an application-wide token bucket mirroring Smartcar's own
 * (default 120 requests, refilling 2 per minute), per-vehicle pacing that also honours a vehicle's
 * `retry-after`, and exponential backoff with full jitter. Time comes from Date.now/setTimeout so
 * tests drive it with fake timers.
 */

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  /** Tokens promised to waiters that have not yet taken them. */
  private reserved = 0;
  private readonly refillPerMs: number;

  constructor(
    private readonly capacity: number,
    refillPerMinute: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = Date.now();
    this.refillPerMs = refillPerMinute / 60_000;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
    this.updatedAt = now;
  }

  /** Tokens available right now (after refill), for logs and tests. */
  available(): number {
    this.refill();
    return this.tokens - this.reserved;
  }

  /**
   * How long the caller must wait for its token, reserving it. Returns null (and reserves nothing)
   * when that wait would exceed `maxWaitMs`.
   */
  reserve(maxWaitMs: number): number | null {
    this.refill();
    const deficit = this.reserved + 1 - this.tokens;
    const waitMs = deficit <= 0 ? 0 : Math.ceil(deficit / this.refillPerMs);
    if (waitMs > maxWaitMs) return null;
    if (waitMs === 0) {
      this.tokens -= 1;
    } else {
      this.reserved += 1;
    }
    return waitMs;
  }

  /** Completes a reservation once its wait is over. */
  commit(): void {
    this.refill();
    this.reserved -= 1;
    this.tokens -= 1;
  }

  /** Waits for one token; false when the wait would exceed `maxWaitMs`. */
  async take(maxWaitMs: number): Promise<boolean> {
    const waitMs = this.reserve(maxWaitMs);
    if (waitMs === null) return false;
    if (waitMs > 0) {
      await sleep(waitMs);
      this.commit();
    }
    return true;
  }
}

/**
 * Spaces requests to one vehicle by at least `minIntervalMs`, in arrival order, and holds them all
 * back while the vehicle is throttled (RATE_LIMIT:VEHICLE with `retry-after`).
 */
export class VehiclePacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(private readonly minIntervalMs: number) {}

  /** Milliseconds this request must wait; books its slot. */
  book(vehicleId: string): number {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(vehicleId) ?? 0);
    this.nextSlot.set(vehicleId, slot + this.minIntervalMs);
    this.forgetOld(now);
    return slot - now;
  }

  async wait(vehicleId: string): Promise<void> {
    await sleep(this.book(vehicleId));
  }

  /** No request to this vehicle before `retryAfterSeconds` from now. */
  block(vehicleId: string, retryAfterSeconds: number): void {
    const until = Date.now() + retryAfterSeconds * 1000;
    this.nextSlot.set(vehicleId, Math.max(this.nextSlot.get(vehicleId) ?? 0, until));
  }

  private forgetOld(now: number): void {
    if (this.nextSlot.size < 10_000) return;
    for (const [vehicleId, slot] of this.nextSlot) if (slot < now) this.nextSlot.delete(vehicleId);
  }
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/**
 * Delay before retry number `attempt` (1 = first retry): full jitter over an exponentially growing
 * ceiling, `random() * min(cap, base * 2^(attempt-1))`. A `retry-after` from Smartcar is a floor.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, retryAfterSeconds: number | null, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * ceiling);
  if (retryAfterSeconds === null) return jittered;
  return Math.max(retryAfterSeconds * 1000, jittered);
}
