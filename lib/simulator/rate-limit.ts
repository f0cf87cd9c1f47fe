import type { SimulatorContext } from "./context";
import { SimulatorApiError } from "./errors";

/**
 * Token buckets for RATE_LIMIT:SMARTCAR_API (per application) and RATE_LIMIT:VEHICLE (per car),
 * contract §4.3. Kept in memory: a restart refills them, which is what a real limiter's window would do.
 */
function take(ctx: SimulatorContext, key: string, limit: { burst: number; refillPerMinute: number }): number {
  const now = Date.now();
  const bucket = ctx.buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
  bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 60_000) * limit.refillPerMinute);
  bucket.updatedAt = now;
  ctx.buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil(((1 - bucket.tokens) / limit.refillPerMinute) * 60));
}

export function consumeApplicationRequest(ctx: SimulatorContext): void {
  const wait = take(ctx, "application", ctx.options.appRateLimit);
  if (wait > 0) throw new SimulatorApiError("RATE_LIMIT", "SMARTCAR_API", { retryAfterSeconds: wait });
}

export function consumeVehicleRequest(ctx: SimulatorContext, vehicleId: string): void {
  const wait = take(ctx, `vehicle:${vehicleId}`, ctx.options.vehicleRateLimit);
  if (wait > 0) throw new SimulatorApiError("RATE_LIMIT", "VEHICLE", { retryAfterSeconds: wait });
}
