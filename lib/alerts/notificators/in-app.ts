import "server-only";
import { notifications } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import type { Notificator } from "./index";

/** The bell: one notification per recipient and event, announced live to each recipient only. */
export const inAppNotificator: Notificator = {
  channel: "in_app",
  wants: (rule) => rule.notifyInApp,
  async notify(db, deliveries) {
    const rows = deliveries.flatMap(({ events, recipients }) =>
      events.flatMap(({ event }) =>
        recipients.map((recipient) => ({ userId: recipient.id, eventId: event.id, vehicleId: event.vehicleId, severity: event.severity, title: event.title, message: event.message })),
      ),
    );
    if (rows.length === 0) return [];
    const created = await db.insert(notifications).values(rows).onConflictDoNothing().returning({ userId: notifications.userId });
    return [...new Set(created.map((row) => row.userId))].map((userId): LiveEvent => ({ type: "notification", userId }));
  },
};
