import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import type { Database } from "@/lib/db";
import { endpointDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { decryptToken, encryptToken, type EncryptionKey } from "@/lib/smartcar/token-crypto";
import { checkEndpointUrl, type OutboundPolicy } from "./ssrf";
import { testPayload } from "./webhook-payload";

/** Outbound webhook endpoints (managers only): saved after the URL check, secret shown once, test sends. */

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type EndpointSummary = Omit<WebhookEndpoint, "secretEncrypted" | "keyId">;

export const endpointInputSchema = z.object({
  name: z.string().trim().min(1, "Give the endpoint a name.").max(120, "Keep the name under 120 characters."),
  url: z.string().trim().min(1, "Enter the receiver's URL.").max(2_000, "The URL is too long."),
  format: z.enum(["json", "slack"], { error: "Choose JSON or Slack-compatible." }).default("json"),
});

export function outboundPolicy(): OutboundPolicy {
  const config = getConfig();
  return { allowPrivate: config.outboundWebhookAllowPrivate, appUrl: config.appUrl, port: config.port };
}

const secretContext = (endpointId: string) => `webhook-endpoint:secret:${endpointId}`;

export function endpointSecret(endpoint: Pick<WebhookEndpoint, "id" | "secretEncrypted" | "keyId">, keys: readonly EncryptionKey[]): string {
  return decryptToken(endpoint.secretEncrypted, endpoint.keyId, keys, secretContext(endpoint.id));
}

function summary(endpoint: WebhookEndpoint): EndpointSummary {
  return { id: endpoint.id, name: endpoint.name, url: endpoint.url, format: endpoint.format, enabled: endpoint.enabled, createdBy: endpoint.createdBy, createdAt: endpoint.createdAt };
}

export type EndpointCreateResult = { ok: true; endpoint: EndpointSummary; secret: string } | { ok: false; field: "url" | "name"; message: string };

export async function createEndpoint(
  db: Database,
  input: z.infer<typeof endpointInputSchema>,
  context: { createdBy: string; policy: OutboundPolicy; keys: readonly EncryptionKey[] },
): Promise<EndpointCreateResult> {
  const checked = checkEndpointUrl(input.url, context.policy);
  if (!checked.ok) return { ok: false, field: "url", message: checked.message };
  const id = randomUUID();
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const encrypted = encryptToken(secret, context.keys, secretContext(id));
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({ id, name: input.name, url: checked.url.toString(), format: input.format, secretEncrypted: encrypted.ciphertext, keyId: encrypted.keyId, createdBy: context.createdBy })
    .returning();
  return { ok: true, endpoint: summary(endpoint!), secret };
}

export async function listEndpoints(db: Database): Promise<(EndpointSummary & { delivered: number; failed: number; pending: number })[]> {
  return db
    .select({
      id: webhookEndpoints.id,
      name: webhookEndpoints.name,
      url: webhookEndpoints.url,
      format: webhookEndpoints.format,
      enabled: webhookEndpoints.enabled,
      createdBy: webhookEndpoints.createdBy,
      createdAt: webhookEndpoints.createdAt,
      delivered: sql<number>`(select count(*)::int from endpoint_deliveries d where d.endpoint_id = webhook_endpoints.id and d.status = 'delivered')`,
      failed: sql<number>`(select count(*)::int from endpoint_deliveries d where d.endpoint_id = webhook_endpoints.id and d.status = 'failed')`,
      pending: sql<number>`(select count(*)::int from endpoint_deliveries d where d.endpoint_id = webhook_endpoints.id and d.status = 'pending')`,
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.createdAt));
}

export async function deleteEndpoint(db: Database, endpointId: string): Promise<EndpointSummary | null> {
  if (!z.uuid().safeParse(endpointId).success) return null;
  const [removed] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).returning();
  return removed ? summary(removed) : null;
}

/** Queues a test delivery; the delivery job sends it at once (and retries it like any other). */
export async function queueTestDelivery(db: Database, endpointId: string, sentBy: string): Promise<{ id: number } | null> {
  if (!z.uuid().safeParse(endpointId).success) return null;
  const [endpoint] = await db.select({ name: webhookEndpoints.name, format: webhookEndpoints.format }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  if (!endpoint) return null;
  const body = JSON.stringify(testPayload(endpoint.format, { endpointName: endpoint.name, appUrl: getConfig().appUrl, sentBy }));
  const [delivery] = await db.insert(endpointDeliveries).values({ endpointId, eventType: "test", body }).returning({ id: endpointDeliveries.id });
  return delivery!;
}

export async function listEndpointDeliveries(db: Database, options: { endpointId?: string; limit?: number } = {}) {
  return db
    .select({
      id: endpointDeliveries.id,
      endpointId: endpointDeliveries.endpointId,
      endpointName: webhookEndpoints.name,
      eventType: endpointDeliveries.eventType,
      status: endpointDeliveries.status,
      attempts: endpointDeliveries.attempts,
      lastStatusCode: endpointDeliveries.lastStatusCode,
      lastError: endpointDeliveries.lastError,
      lastDurationMs: endpointDeliveries.lastDurationMs,
      nextAttemptAt: endpointDeliveries.nextAttemptAt,
      createdAt: endpointDeliveries.createdAt,
      deliveredAt: endpointDeliveries.deliveredAt,
      body: endpointDeliveries.body,
    })
    .from(endpointDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, endpointDeliveries.endpointId))
    .where(options.endpointId ? eq(endpointDeliveries.endpointId, options.endpointId) : undefined)
    .orderBy(desc(endpointDeliveries.id))
    .limit(options.limit ?? 50);
}
