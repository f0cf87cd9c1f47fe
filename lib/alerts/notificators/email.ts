import "server-only";
import { getConfig } from "@/lib/config";
import { getMailer } from "@/lib/reauth/mailer";
import { enqueueMessage } from "@/lib/reauth/outbox";
import { alertLink } from "../webhook-payload";
import type { AlertEventRow, AlertVehicle, Notificator } from "./index";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function message(ruleName: string, event: AlertEventRow, vehicle: AlertVehicle | null, link: string) {
  const subject = `${event.state === "resolved" ? "Resolved: " : ""}${event.title}`;
  const text = `${event.title}\n\n${event.message}\n\nRule: ${ruleName}\n${vehicle ? `Vehicle: ${vehicle.name}${vehicle.vin ? ` (${vehicle.vin})` : ""}\n` : ""}\nOpen in Fleetdeck: ${link}\n`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">
<h2 style="margin:0 0 8px">${escapeHtml(event.title)}</h2>
<p style="margin:0 0 12px">${escapeHtml(event.message)}</p>
<p style="margin:0 0 4px;color:#475569">Rule: ${escapeHtml(ruleName)}</p>
${vehicle ? `<p style="margin:0 0 12px;color:#475569">Vehicle: ${escapeHtml(vehicle.name)}</p>` : ""}
<p><a href="${escapeHtml(link)}" style="background:#2563eb;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">Open in Fleetdeck</a></p>
</body></html>`;
  return { subject, text, html };
}

/** Email through the outbox (SMTP when configured, else kept on the Outbox page): text and HTML, with a link back. */
export const emailNotificator: Notificator = {
  channel: "email",
  wants: (rule) => rule.notifyEmail,
  async notify(db, deliveries) {
    const mailerConfigured = getMailer() !== null;
    const appUrl = getConfig().appUrl;
    for (const { rule, events, recipients } of deliveries) {
      for (const { event, vehicle } of events) {
        const content = message(rule.name, event, vehicle, alertLink(appUrl, event));
        for (const recipient of recipients) {
          await enqueueMessage(db, { kind: "alert", toEmail: recipient.email, toUserId: recipient.id, vehicleId: event.vehicleId, ...content }, mailerConfigured);
        }
      }
    }
    return [];
  },
};
