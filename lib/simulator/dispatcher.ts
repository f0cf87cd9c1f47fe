import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, lte } from "drizzle-orm";
import { hashChallenge, signPayload } from "@/lib/smartcar/webhook-crypto";
import type { SimulatorContext } from "./context";
import { simConnections, simDeliveries, simSettings } from "./db/schema";
import { enqueueFirstDelivery, webhookEnabled } from "./events";
import { getSettings, listVehicles, simulatedNow } from "./store";

/**
 * Webhook delivery (contract §5): VERIFY when the callback URL is new, then the outbox at least once —
 * compact JSON signed over exactly the bytes sent, 15 s timeout, retries after 25/50/100 s (scaled by
 * SIM_WEBHOOK_RETRY_SCALE), dropped after the 4th failure. Optional duplicates and reordering.
 */

export const RETRY_DELAYS_SECONDS = [25, 50, 100];
/** After the documented retries an unverified webhook keeps being re-verified at this pace. */
const VERIFY_BACKOFF_SECONDS = 300;
const DUPLICATE_PROBABILITY = 0.25;
const BATCH = 50;

interface Attempt {
  ok: boolean;
  result: string;
  body?: string;
}

async function post(ctx: SimulatorContext, url: string, body: string): Promise<Attempt> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sc-signature": signPayload(ctx.options.managementToken, body),
        "user-agent": `Smartcar/${ctx.options.version} (Fleetdeck emulator)`,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(ctx.options.webhookTimeoutMs),
    });
    const text = await response.text().catch(() => "");
    return { ok: response.status >= 200 && response.status < 300, result: `HTTP ${response.status}`, body: text };
  } catch (error) {
    const reason = error instanceof Error ? (error.name === "TimeoutError" ? "timeout" : error.message) : String(error);
    return { ok: false, result: reason.slice(0, 200) };
  }
}

function retryDelayMs(ctx: SimulatorContext, attempt: number): number {
  const seconds = RETRY_DELAYS_SECONDS[attempt - 1] ?? VERIFY_BACKOFF_SECONDS;
  return seconds * 1000 * ctx.options.webhookRetryScale;
}

/** The exact bytes of one delivery attempt: the stored event plus a fresh `meta`. */
export function serializeDelivery(
  envelope: string,
  meta: { webhookId: string; webhookName: string; mode: string; deliveryId: string; deliveredAt: number },
): string {
  const event = JSON.parse(envelope) as { eventType: string; data?: { signals?: unknown[] } };
  const signalCount = event.eventType === "VEHICLE_STATE" ? (event.data?.signals?.length ?? 0) : undefined;
  return JSON.stringify({
    ...event,
    meta: {
      version: "4.0",
      webhookId: meta.webhookId,
      webhookName: meta.webhookName,
      deliveryId: meta.deliveryId,
      deliveredAt: meta.deliveredAt,
      mode: meta.mode,
      ...(signalCount === undefined ? {} : { signalCount }),
    },
  });
}

/** Sends VERIFY if the callback URL is not verified yet and a try is due. Returns whether the webhook is enabled. */
export async function verifyWebhookIfDue(ctx: SimulatorContext, force = false): Promise<boolean> {
  const settings = await getSettings(ctx);
  if (!settings.callbackUrl) return false;
  if (webhookEnabled(settings)) return true;
  if (!force && settings.nextVerifyAt && settings.nextVerifyAt.getTime() > Date.now()) return false;
  const challenge = randomBytes(16).toString("hex");
  const body = JSON.stringify({
    eventId: randomUUID(),
    eventType: "VERIFY",
    data: { challenge },
    meta: { version: "4.0", webhookId: settings.webhookId, webhookName: settings.webhookName, deliveryId: randomUUID(), deliveredAt: Date.now() },
  });
  const attempt = await post(ctx, settings.callbackUrl, body);
  let answered: unknown;
  try {
    answered = attempt.body ? (JSON.parse(attempt.body) as { challenge?: unknown }).challenge : undefined;
  } catch {
    answered = undefined;
  }
  if (attempt.result === "HTTP 200" && answered === hashChallenge(ctx.options.managementToken, challenge)) {
    await ctx.db
      .update(simSettings)
      .set({ verifiedUrl: settings.callbackUrl, verifyAttempts: 0, nextVerifyAt: null })
      .where(eq(simSettings.id, 1));
    await sendFirstDeliveries(ctx);
    return true;
  }
  const attempts = settings.verifyAttempts + 1;
  await ctx.db
    .update(simSettings)
    .set({ verifyAttempts: attempts, nextVerifyAt: new Date(Date.now() + retryDelayMs(ctx, attempts)) })
    .where(eq(simSettings.id, 1));
  return false;
}

/** A (re-)enabled webhook starts with a FIRST_DELIVERY baseline for every subscribed (connected) car. */
async function sendFirstDeliveries(ctx: SimulatorContext): Promise<void> {
  const now = await simulatedNow(ctx);
  const connections = await ctx.db.select().from(simConnections);
  const vehicles = await listVehicles(ctx, [...new Set(connections.map((row) => row.vehicleId))]);
  for (const vehicle of vehicles) {
    await enqueueFirstDelivery(ctx, vehicle, connections.filter((row) => row.vehicleId === vehicle.id), now);
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** One pass over the outbox. Returns how many attempts were made. */
export async function dispatchDue(ctx: SimulatorContext): Promise<number> {
  if (!(await verifyWebhookIfDue(ctx))) return 0;
  const settings = await getSettings(ctx);
  const due = await ctx.db
    .select()
    .from(simDeliveries)
    .where(and(eq(simDeliveries.status, "pending"), lte(simDeliveries.nextAttemptAt, new Date())))
    .orderBy(asc(simDeliveries.createdAt))
    .limit(BATCH);
  const queue = settings.reordering ? shuffle(due) : due;
  await Promise.all(
    queue.map(async (delivery) => {
      const copies = settings.duplicates && Math.random() < DUPLICATE_PROBABILITY ? 2 : 1;
      let delivered = false;
      let result = "";
      for (let copy = 0; copy < copies; copy++) {
        if (settings.reordering) await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
        const body = serializeDelivery(delivery.envelope, {
          webhookId: settings.webhookId,
          webhookName: settings.webhookName,
          mode: delivery.mode,
          deliveryId: randomUUID(),
          deliveredAt: Date.now(),
        });
        const attempt = await post(ctx, settings.callbackUrl!, body);
        delivered ||= attempt.ok;
        result = attempt.result;
      }
      const attempts = delivery.attempts + 1;
      const exhausted = attempts > RETRY_DELAYS_SECONDS.length;
      await ctx.db
        .update(simDeliveries)
        .set({
          attempts,
          status: delivered ? "delivered" : exhausted ? "dropped" : "pending",
          nextAttemptAt: delivered || exhausted ? delivery.nextAttemptAt : new Date(Date.now() + retryDelayMs(ctx, attempts)),
          lastResult: result,
          updatedAt: new Date(),
        })
        .where(eq(simDeliveries.eventId, delivery.eventId));
    }),
  );
  return queue.length;
}

/** Points the webhook at a new callback URL; the next dispatcher pass verifies it. */
export async function setCallbackUrl(ctx: SimulatorContext, url: string | null): Promise<void> {
  await ctx.db.update(simSettings).set({ callbackUrl: url, verifyAttempts: 0, nextVerifyAt: null }).where(eq(simSettings.id, 1));
}
