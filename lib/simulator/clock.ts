import { eq } from "drizzle-orm";
import type { SimulatorContext } from "./context";
import { simSettings } from "./db/schema";
import { changeVehicle } from "./events";
import { getSettings, listVehicles } from "./store";
import { advanceVehicle } from "./world";

/**
 * Simulated time: real time plus an offset the presenter can push forward. Each tick steps every car
 * from where the world was last stepped to now, in one-minute slices, and emits webhook events.
 */

export async function tick(ctx: SimulatorContext): Promise<{ steppedMs: number }> {
  const settings = await getSettings(ctx);
  const now = Date.now() + settings.clockOffsetMs;
  const from = settings.steppedUntilMs;
  if (now <= from) return { steppedMs: 0 };
  // Claim the interval first so a concurrent tick (control-plane advance during a timer tick) cannot step it twice.
  const claimed = await ctx.db
    .update(simSettings)
    .set({ steppedUntilMs: now })
    .where(eq(simSettings.steppedUntilMs, from))
    .returning({ id: simSettings.id });
  if (claimed.length === 0) return { steppedMs: 0 };
  for (const vehicle of await listVehicles(ctx)) {
    await changeVehicle(ctx, vehicle, (state) => advanceVehicle(state, from, now), now, settings);
  }
  return { steppedMs: now - from };
}

/** Moves simulated time forward by `ms` and steps the world through it. */
export async function advanceClock(ctx: SimulatorContext, ms: number): Promise<{ now: number }> {
  const settings = await getSettings(ctx);
  await ctx.db.update(simSettings).set({ clockOffsetMs: settings.clockOffsetMs + ms }).where(eq(simSettings.id, 1));
  await tick(ctx);
  return { now: Date.now() + settings.clockOffsetMs + ms };
}
