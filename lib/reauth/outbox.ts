import "server-only";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { outboxMessages } from "@/lib/db/schema";

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

export async function listOutbox(db: Database, limit = 100): Promise<OutboxMessage[]> {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt)).limit(limit);
}
