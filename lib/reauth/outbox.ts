import "server-only";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { outboxMessages, reconnectCampaigns, users, vehicles } from "@/lib/db/schema";

/**
 * Every message to a person is written to the outbox first. Without a mail server it stays there
 * (`stored`, readable on the Outbox page, so the demo works); with one it is `pending` until a
 * delivery pass sends it (`sent`) or gives up after MAX_DELIVERY_ATTEMPTS over about a day (`failed`).
 */

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface Mailer {
  send(message: { to: string; subject: string; text: string; html?: string | null; attachments?: MailAttachment[] | null }): Promise<void>;
}

/** A message that keeps failing is given up after this many attempts, spread over about a day (RETRY_DELAYS_MINUTES). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Delay before the next attempt after the n-th failure: the first retry comes on the next pass. */
const RETRY_DELAYS_MINUTES = [0, 1, 5, 15, 60, 180, 360];
/** How long a claimed message is hidden from other delivery passes (and instances) while it is being sent. */
const LEASE_MINUTES = 5;

export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type NewOutboxMessage = Omit<typeof outboxMessages.$inferInsert, "id" | "status" | "attempts" | "lastError" | "sentAt" | "nextAttemptAt">;

export async function enqueueMessage(db: Database, message: NewOutboxMessage, mailerConfigured: boolean): Promise<OutboxMessage> {
  const [row] = await db
    .insert(outboxMessages)
    .values({ ...message, status: mailerConfigured ? "pending" : "stored" })
    .returning();
  return row!;
}

type Rows<T> = { rows: T[] };

/**
 * Sends due pending messages, oldest first; one failure does not stop the rest. Each pass leases
 * the rows it takes (`FOR UPDATE SKIP LOCKED`, then moves `next_attempt_at` past the send), so two
 * passes or two instances never send the same message; a pass that dies leaves it to the next one
 * after the lease. A failure keeps the message pending with its error, retried with growing delays.
 */
export async function deliverPendingMessages(db: Database, mailer: Mailer, limit = 100): Promise<{ sent: number; failed: number }> {
  const claimed = (await db.execute(sql`
    update ${outboxMessages} set next_attempt_at = now() + make_interval(mins => ${LEASE_MINUTES})
    where id in (
      select id from ${outboxMessages}
      where status = 'pending' and next_attempt_at <= now() and attempts < ${MAX_DELIVERY_ATTEMPTS}
      order by created_at limit ${limit}
      for update skip locked)
    returning id`)) as unknown as Rows<{ id: string }>;
  if (claimed.rows.length === 0) return { sent: 0, failed: 0 };
  const pending = await db
    .select()
    .from(outboxMessages)
    .where(inArray(outboxMessages.id, claimed.rows.map((row) => row.id)))
    .orderBy(asc(outboxMessages.createdAt));
  let sent = 0;
  let failed = 0;
  for (const message of pending) {
    try {
      await mailer.send({ to: message.toEmail, subject: message.subject, text: message.text, html: message.html, attachments: message.attachments });
      await db.update(outboxMessages).set({ status: "sent", sentAt: new Date(), attempts: message.attempts + 1, lastError: null }).where(eq(outboxMessages.id, message.id));
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      const delayMinutes = RETRY_DELAYS_MINUTES[Math.min(attempts, RETRY_DELAYS_MINUTES.length) - 1]!;
      await db
        .update(outboxMessages)
        .set({
          attempts,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          status: attempts >= MAX_DELIVERY_ATTEMPTS ? "failed" : "pending",
          nextAttemptAt: new Date(Date.now() + delayMinutes * 60_000),
        })
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
