import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { reconnectLinks } from "@/lib/db/schema";
import { createReconnectLink, reconnectLinkUrl, type LinkSigning, type ReconnectLink } from "./links";
import { reconnectEmail } from "./message-template";
import { enqueueMessage, type OutboxMessage } from "./outbox";

export interface SendOptions {
  signing: LinkSigning;
  mailerConfigured: boolean;
}

/** Creates a reconnect link for the vehicle's owner and puts the email carrying it in the outbox. */
export async function sendReconnectLink(
  db: Database,
  options: SendOptions,
  input: { vehicleId: string; createdBy: string | null; campaignId?: string | null; reason?: string; deadline?: Date },
  now = new Date(),
): Promise<{ link: ReconnectLink; message: OutboxMessage }> {
  const { link, owner, vehicle } = await createReconnectLink(
    db,
    { vehicleId: input.vehicleId, createdBy: input.createdBy, campaignId: input.campaignId, reason: input.reason, expiresAt: input.deadline },
    now,
  );
  const email = reconnectEmail({
    ownerName: owner.name,
    make: vehicle.make,
    model: vehicle.model,
    year: vehicle.year,
    reason: link.reason,
    url: reconnectLinkUrl(options.signing, link),
    deadline: input.deadline ?? null,
    reminder: false,
  });
  const message = await enqueueMessage(
    db,
    { kind: "reconnect_link", toEmail: owner.email, toUserId: owner.id, subject: email.subject, text: email.text, vehicleId: vehicle.id, linkId: link.id, campaignId: link.campaignId, createdAt: now },
    options.mailerConfigured,
  );
  await db.update(reconnectLinks).set({ notifiedAt: now }).where(eq(reconnectLinks.id, link.id));
  return { link: { ...link, notifiedAt: now }, message };
}
