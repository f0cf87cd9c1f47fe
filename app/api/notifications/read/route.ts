import { z } from "zod";
import { markNotificationsRead, unreadNotificationCount } from "@/lib/alerts/notifications";
import { authorizeRequest } from "@/lib/auth/guards";
import { invalid, json, readJsonBody } from "@/lib/commands/http";
import { getDb } from "@/lib/db";

const bodySchema = z.union([z.object({ all: z.literal(true) }), z.object({ ids: z.array(z.uuid("ids are notification ids.")).min(1).max(200) })], {
  error: 'Send {"all": true} or {"ids": ["…"]}.',
});

/** POST /api/notifications/read — marks the caller's own notifications read (others' ids change nothing). */
export async function POST(request: Request) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const body = await readJsonBody(request);
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  const db = getDb();
  const updated = await markNotificationsRead(db, user.id, "all" in parsed.data ? "all" : parsed.data.ids);
  return json({ updated, unread: await unreadNotificationCount(db, user.id) });
}
