import type { AlertEventRow, AlertVehicle } from "./notificators";
import type { AlertRule } from "./rules";

/**
 * What outbound webhooks carry. `json`: Fleetdeck's own event body (documented in the README);
 * `slack`: a Slack-compatible incoming-webhook body (`text` plus `blocks`), which Mattermost and
 * Discord's Slack endpoint accept too. Pure.
 */

export type EndpointFormat = "json" | "slack";

export function alertLink(appUrl: string, event: Pick<AlertEventRow, "vehicleId">): string {
  return event.vehicleId ? `${appUrl}/vehicles/${event.vehicleId}` : `${appUrl}/notifications`;
}

function slack(title: string, message: string, link: string, context: string) {
  return {
    text: `${title}: ${message}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${title}*\n${message}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: `${context} · <${link}|Open in Fleetdeck>` }] },
    ],
  };
}

export function alertPayload(
  format: EndpointFormat,
  { event, rule, vehicle, appUrl }: { event: AlertEventRow; rule: Pick<AlertRule, "id" | "name" | "kind">; vehicle: AlertVehicle | null; appUrl: string },
) {
  const link = alertLink(appUrl, event);
  if (format === "slack") return slack(`${event.state === "resolved" ? "Resolved: " : ""}${event.title}`, event.message, link, `Rule “${rule.name}”`);
  return {
    id: event.id,
    type: `alert.${event.state}`,
    occurredAt: event.occurredAt.toISOString(),
    severity: event.severity,
    title: event.title,
    message: event.message,
    rule: { id: rule.id, name: rule.name, kind: rule.kind },
    vehicle: vehicle ? { id: vehicle.id, name: vehicle.name, make: vehicle.make, model: vehicle.model, year: vehicle.year, vin: vehicle.vin } : null,
    data: event.data ?? {},
    links: { fleetdeck: link },
  };
}

export function testPayload(format: EndpointFormat, { endpointName, appUrl, sentBy }: { endpointName: string; appUrl: string; sentBy: string }) {
  const title = "Test from Fleetdeck";
  const message = `The endpoint “${endpointName}” receives Fleetdeck alerts (sent by ${sentBy}).`;
  if (format === "slack") return slack(title, message, `${appUrl}/alerts/webhooks`, "Send test");
  return { id: crypto.randomUUID(), type: "test", occurredAt: new Date().toISOString(), severity: "info", title, message, rule: null, vehicle: null, data: {}, links: { fleetdeck: `${appUrl}/alerts/webhooks` } };
}
