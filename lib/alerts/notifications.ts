import "server-only";
import { and, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { notifications, vehicles } from "@/lib/db/schema";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";

/** The in-app inbox of one user: the bell's count, the notifications page, marking as read. */

export interface NotificationView {
  id: string;
  title: string;
  message: string;
  severity: "info" | "warning" | "critical";
  vehicleId: string | null;
  vehicleName: string | null;
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATION_PAGE_SIZE = 30;

export async function unreadNotificationCount(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Newest first; `before` pages by creation time. */
export async function listNotifications(db: Database, userId: string, options: { unreadOnly?: boolean; before?: Date; limit?: number } = {}): Promise<{ rows: NotificationView[]; hasMore: boolean }> {
  const limit = options.limit ?? NOTIFICATION_PAGE_SIZE;
  const rows = await db
    .select({
      id: notifications.id,
      title: notifications.title,
      message: notifications.message,
      severity: notifications.severity,
      vehicleId: notifications.vehicleId,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      nickname: vehicles.nickname,
      year: vehicles.year,
      make: vehicles.make,
      model: vehicles.model,
    })
    .from(notifications)
    .leftJoin(vehicles, eq(vehicles.id, notifications.vehicleId))
    .where(and(eq(notifications.userId, userId), options.unreadOnly ? isNull(notifications.readAt) : undefined, options.before ? lt(notifications.createdAt, options.before) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  return {
    hasMore: rows.length > limit,
    rows: rows.slice(0, limit).map((row) => ({
      id: row.id,
      title: row.title,
      message: row.message,
      severity: row.severity,
      vehicleId: row.vehicleId,
      vehicleName: row.make ? vehicleDisplayName({ nickname: row.nickname, year: row.year!, make: row.make, model: row.model! }) : null,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    })),
  };
}

/** Marks the user's own notifications read (the given ones, or all); returns how many changed. */
export async function markNotificationsRead(db: Database, userId: string, ids: string[] | "all"): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === "all" ? undefined : inArray(notifications.id, ids.length ? ids : ["00000000-0000-0000-0000-000000000000"])))
    .returning({ id: notifications.id });
  return rows.length;
}
