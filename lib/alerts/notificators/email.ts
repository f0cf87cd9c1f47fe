import "server-only";
import { getConfig } from "@/lib/config";
import { getMailer } from "@/lib/reauth/mailer";
import { enqueueMessage } from "@/lib/reauth/outbox";
import { alertLink } from "../webhook-payload";
import type { Notificator } from "./index";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Email through the outbox (SMTP when configured, else kept on the Outbox page): text and HTML, with a link back. */
export const emailNotificator: Notificator = {
  channel: "email",
  wants: (rule) => rule.notifyEmail,
  async notify(db, { rule, event, vehicle, recipients }) {
    const link = alertLink(getConfig().appUrl, event);
    const subject = `${event.state === "resolved" ? "Resolved: " : ""}${event.title}`;
    const text = `${event.title}\n\n${event.message}\n\nRule: ${rule.name}\n${vehicle ? `Vehicle: ${vehicle.name}${vehicle.vin ? ` (${vehicle.vin})` : ""}\n` : ""}\nOpen in Fleetdeck: ${link}\n`;
    const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">
<h2 style="margin:0 0 8px">${escapeHtml(event.title)}</h2>
<p style="margin:0 0 12px">${escapeHtml(event.message)}</p>
<p style="margin:0 0 4px;color:#475569">Rule: ${escapeHtml(rule.name)}</p>
${vehicle ? `<p style="margin:0 0 12px;color:#475569">Vehicle: ${escapeHtml(vehicle.name)}</p>` : ""}
<p><a href="${escapeHtml(link)}" style="background:#2563eb;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">Open in Fleetdeck</a></p>
</body></html>`;
    const mailerConfigured = getMailer() !== null;
    for (const recipient of recipients) {
      await enqueueMessage(db, { kind: "alert", toEmail: recipient.email, toUserId: recipient.id, subject, text, html, vehicleId: event.vehicleId }, mailerConfigured);
    }
    return [];
  },
};
