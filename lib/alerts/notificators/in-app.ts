import "server-only";
import { notifications } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import type { Notificator } from "./index";

/** The bell: one notification per recipient, announced live to that user only. */
export const inAppNotificator: Notificator = {
  channel: "in_app",
  wants: (rule) => rule.notifyInApp,
  async notify(db, { event, recipients }) {
    if (recipients.length === 0) return [];
    const created = await db
      .insert(notifications)
      .values(
        recipients.map((recipient) => ({
          userId: recipient.id,
          eventId: event.id,
          vehicleId: event.vehicleId,
          severity: event.severity,
          title: event.title,
          message: event.message,
        })),
      )
      .onConflictDoNothing()
      .returning({ userId: notifications.userId });
    return created.map((row): LiveEvent => ({ type: "notification", userId: row.userId }));
  },
};
