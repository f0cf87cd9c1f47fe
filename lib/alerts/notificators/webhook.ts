import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { endpointDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { alertPayload } from "../webhook-payload";
import type { Notificator } from "./index";

/** Outbound webhooks: one queued delivery per event and endpoint, body fixed now, signed and sent by the delivery job. */
export const webhookNotificator: Notificator = {
  channel: "webhook",
  wants: (rule) => rule.webhookEndpointIds.length > 0,
  async notify(db, deliveries) {
    const endpointIds = [...new Set(deliveries.flatMap((delivery) => delivery.rule.webhookEndpointIds))];
    const endpoints = await db
      .select({ id: webhookEndpoints.id, format: webhookEndpoints.format })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.id, endpointIds), eq(webhookEndpoints.enabled, true)));
    const appUrl = getConfig().appUrl;
    const rows = deliveries.flatMap(({ rule, events }) =>
      events.flatMap(({ event, vehicle }) =>
        endpoints
          .filter((endpoint) => rule.webhookEndpointIds.includes(endpoint.id))
          .map((endpoint) => ({
            endpointId: endpoint.id,
            eventId: event.id,
            eventType: `alert.${event.state}`,
            body: JSON.stringify(alertPayload(endpoint.format, { event, rule, vehicle, appUrl })),
          })),
      ),
    );
    if (rows.length > 0) await db.insert(endpointDeliveries).values(rows).onConflictDoNothing();
    return [];
  },
};
