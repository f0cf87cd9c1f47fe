import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { endpointDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { alertPayload } from "../webhook-payload";
import type { Notificator } from "./index";

/** Outbound webhooks: one queued delivery per endpoint, body fixed now, signed and sent by the delivery job. */
export const webhookNotificator: Notificator = {
  channel: "webhook",
  wants: (rule) => rule.webhookEndpointIds.length > 0,
  async notify(db, { rule, event, vehicle }) {
    const endpoints = await db
      .select({ id: webhookEndpoints.id, format: webhookEndpoints.format })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.id, rule.webhookEndpointIds), eq(webhookEndpoints.enabled, true)));
    if (endpoints.length === 0) return [];
    const appUrl = getConfig().appUrl;
    await db
      .insert(endpointDeliveries)
      .values(
        endpoints.map((endpoint) => ({
          endpointId: endpoint.id,
          eventId: event.id,
          eventType: `alert.${event.state}`,
          body: JSON.stringify(alertPayload(endpoint.format, { event, rule, vehicle, appUrl })),
        })),
      )
      .onConflictDoNothing();
    return [];
  },
};
