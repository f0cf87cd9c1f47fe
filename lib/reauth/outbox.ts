import "server-only";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { outboxMessages, reconnectCampaigns, users, vehicles } from "@/lib/db/schema";

/**
 * Every message to a person is written to the outbox first. Without a mail server it stays there
 * (`stored`, readable on the Outbox page, so the demo works); with one it is `pending` until a
 * delivery pass sends it (`sent`) or gives up after a few attempts (`failed`).
 */

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export const MAX_DELIVERY_ATTEMPTS = 3;

export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type NewOutboxMessage = Omit<typeof outboxMessages.$inferInsert, "id" | "status" | "attempts" | "lastError" | "sentAt">;

export async function enqueueMessage(db: Database, message: NewOutboxMessage, mailerConfigured: boolean): Promise<OutboxMessage> {
  const [row] = await db
    .insert(outboxMessages)
    .values({ ...message, status: mailerConfigured ? "pending" : "stored" })
    .returning();
  return row!;
}

/** Sends pending messages, oldest first; one failure does not stop the rest. */
export async function deliverPendingMessages(db: Database, mailer: Mailer, limit = 100): Promise<{ sent: number; failed: number }> {
  const pending = await db
    .select()
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.status, ["pending"]), lt(outboxMessages.attempts, MAX_DELIVERY_ATTEMPTS)))
    .orderBy(asc(outboxMessages.createdAt))
    .limit(limit);
  let sent = 0;
  let failed = 0;
  for (const message of pending) {
    try {
      await mailer.send({ to: message.toEmail, subject: message.subject, text: message.text });
      await db.update(outboxMessages).set({ status: "sent", sentAt: new Date(), attempts: message.attempts + 1, lastError: null }).where(eq(outboxMessages.id, message.id));
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      await db
        .update(outboxMessages)
        .set({ attempts, lastError: error instanceof Error ? error.message.slice(0, 500) : String(error), status: attempts >= MAX_DELIVERY_ATTEMPTS ? "failed" : "pending" })
        .where(eq(outboxMessages.id, message.id));
      failed += 1;
    }
  }
  return { sent, failed };
}

/** A message as the Outbox page lists it: who it went to, about which vehicle, from which campaign. */
export type OutboxListRow = OutboxMessage & {
  toName: string | null;
  vehicle: { id: string; nickname: string | null; year: number; make: string; model: string } | null;
  campaignName: string | null;
  /** The reconnect link the message carries (the token is never stored, only written into the text). */
  link: string | null;
};

const RECONNECT_LINK = /\bhttps?:\/\/\S+\/r\/[A-Za-z0-9._~-]+/;

export async function listOutbox(db: Database, limit = 100): Promise<OutboxListRow[]> {
  const rows = await db
    .select({
      message: outboxMessages,
      toName: users.name,
      vehicleId: vehicles.id,
      nickname: vehicles.nickname,
      year: vehicles.year,
      make: vehicles.make,
      model: vehicles.model,
      campaignName: reconnectCampaigns.name,
    })
    .from(outboxMessages)
    .leftJoin(users, eq(users.id, outboxMessages.toUserId))
    .leftJoin(vehicles, eq(vehicles.id, outboxMessages.vehicleId))
    .leftJoin(reconnectCampaigns, eq(reconnectCampaigns.id, outboxMessages.campaignId))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
  return rows.map((row) => ({
    ...row.message,
    toName: row.toName,
    vehicle:
      row.vehicleId && row.year !== null && row.make !== null && row.model !== null
        ? { id: row.vehicleId, nickname: row.nickname, year: row.year, make: row.make, model: row.model }
        : null,
    campaignName: row.campaignName,
    link: row.message.text.match(RECONNECT_LINK)?.[0] ?? null,
  }));
}
