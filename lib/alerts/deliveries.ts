import "server-only";
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { endpointDeliveries, webhookEndpoints } from "@/lib/db/schema";
import type { EncryptionKey } from "@/lib/smartcar/token-crypto";
import { endpointSecret } from "./endpoints";
import { checkEndpointUrl, guardedLookup, type OutboundPolicy } from "./ssrf";

/**
 * Sends queued outbound webhooks. Each pass leases due rows (`FOR UPDATE SKIP LOCKED`, then moves
 * `next_attempt_at` past the send), so instances never send one delivery at the same time, and a
 * crashed sender's rows come back after the lease. Every attempt is signed:
 *
 *   Fleetdeck-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *
 * A 2xx within the timeout is success; anything else is retried after 30 s, 2 min, 10 min, 30 min
 * and 2 h, then the delivery is marked failed. Redirects are not followed (they count as failures).
 */

export const RETRY_DELAYS_SECONDS = [30, 120, 600, 1_800, 7_200];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
const LEASE_SECONDS = 120;
const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 4_096;

export function signatureHeader(secret: string, body: string, at = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

interface Attempt {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

function post(url: URL, body: string, headers: Record<string, string>, policy: OutboundPolicy): Promise<Attempt> {
  const startedAt = performance.now();
  const done = (result: Omit<Attempt, "durationMs">): Attempt => ({ ...result, durationMs: Math.round(performance.now() - startedAt) });
  return new Promise((resolve) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(url, policy) as never,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        const status = response.statusCode ?? 0;
        const finish = () => resolve(done({ ok: status >= 200 && status < 300, status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` }));
        response.on("end", finish);
        response.on("close", finish);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve(done({ ok: false, status: null, error: error.message.slice(0, 300) })));
    request.end(body);
  });
}

type Rows<T> = { rows: T[] };

/** One pass: sends due deliveries; returns how many went through and how many failed this time. */
export async function deliverDueWebhooks(db: Database, options: { policy: OutboundPolicy; keys: readonly EncryptionKey[]; userAgent: string; limit?: number }): Promise<{ delivered: number; failed: number }> {
  const claimed = (await db.execute(sql`
    update ${endpointDeliveries} set next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
    where id in (
      select id from ${endpointDeliveries} where status = 'pending' and next_attempt_at <= now()
      order by id limit ${options.limit ?? 20} for update skip locked)
    returning id, endpoint_id as "endpointId", event_type as "eventType", body, attempts`)) as unknown as Rows<{ id: number; endpointId: string; eventType: string; body: string; attempts: number }>;
  if (claimed.rows.length === 0) return { delivered: 0, failed: 0 };
  const endpoints = new Map(
    (await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, [...new Set(claimed.rows.map((row) => row.endpointId))]))).map((endpoint) => [endpoint.id, endpoint]),
  );
  let delivered = 0;
  let failed = 0;
  await Promise.all(
    claimed.rows.map(async (row) => {
      const endpoint = endpoints.get(row.endpointId);
      let attempt: Attempt;
      if (!endpoint || !endpoint.enabled) {
        attempt = { ok: false, status: null, error: "The endpoint is disabled.", durationMs: 0 };
      } else {
        const checked = checkEndpointUrl(endpoint.url, options.policy);
        attempt = checked.ok
          ? await post(
              checked.url,
              row.body,
              {
                "user-agent": options.userAgent,
                "fleetdeck-event": row.eventType,
                "fleetdeck-delivery": String(row.id),
                "fleetdeck-signature": signatureHeader(endpointSecret(endpoint, options.keys), row.body),
              },
              options.policy,
            )
          : { ok: false, status: null, error: checked.message, durationMs: 0 };
      }
      const attempts = Number(row.attempts);
      const giveUp = !attempt.ok && attempts >= MAX_ATTEMPTS;
      await db
        .update(endpointDeliveries)
        .set({
          status: attempt.ok ? "delivered" : giveUp ? "failed" : "pending",
          lastStatusCode: attempt.status,
          lastError: attempt.error,
          lastDurationMs: attempt.durationMs,
          deliveredAt: attempt.ok ? new Date() : null,
          nextAttemptAt: attempt.ok || giveUp ? sql`now()` : new Date(Date.now() + RETRY_DELAYS_SECONDS[attempts - 1]! * 1000),
        })
        .where(eq(endpointDeliveries.id, Number(row.id)));
      if (attempt.ok) delivered += 1;
      else failed += 1;
    }),
  );
  return { delivered, failed };
}
