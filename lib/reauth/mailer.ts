import "server-only";
import nodemailer from "nodemailer";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { deriveReconnectLinkKey } from "./link-token";
import type { LinkSigning } from "./links";
import { deliverPendingMessages, type Mailer } from "./outbox";

/** Process-wide wiring from configuration: the SMTP mailer (when SMTP_URL is set) and the link signing key. */

const globalForMail = globalThis as unknown as { fleetdeckMailer?: Mailer | null };

export function getMailer(): Mailer | null {
  if (globalForMail.fleetdeckMailer !== undefined) return globalForMail.fleetdeckMailer;
  const { mail } = getConfig();
  if (!mail.smtpUrl) {
    globalForMail.fleetdeckMailer = null;
    return null;
  }
  const transport = nodemailer.createTransport(mail.smtpUrl);
  globalForMail.fleetdeckMailer = {
    async send(message) {
      await transport.sendMail({
        from: mail.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        attachments: message.attachments?.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.content })),
      });
    },
  };
  return globalForMail.fleetdeckMailer;
}

export function getLinkSigning(): LinkSigning {
  const config = getConfig();
  return { key: deriveReconnectLinkKey(config.authSecret), appUrl: config.appUrl };
}

/** Sends what the outbox holds when a mail server is configured; failures stay in the outbox. */
export async function flushOutbox(): Promise<void> {
  const mailer = getMailer();
  if (!mailer) return;
  try {
    const result = await deliverPendingMessages(getDb(), mailer);
    if (result.failed > 0) getLogger().warn(result, "outbox: some messages could not be sent");
  } catch (error) {
    getLogger().error({ err: error }, "outbox: delivery pass failed");
  }
}
