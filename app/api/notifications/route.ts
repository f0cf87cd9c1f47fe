import { z } from "zod";
import { listNotifications, unreadNotificationCount } from "@/lib/alerts/notifications";
import { authorizeRequest } from "@/lib/auth/guards";
import { invalid, json } from "@/lib/commands/http";
import { getDb } from "@/lib/db";

const querySchema = z.object({
  unread: z.enum(["0", "1"], { error: "unread is 0 or 1." }).optional(),
  before: z.iso.datetime({ error: "before is an ISO date-time." }).optional(),
  limit: z.coerce.number({ error: "limit is a number." }).int().min(1, "limit is 1–100.").max(100, "limit is 1–100.").optional(),
});

/** GET /api/notifications?unread&before&limit — the signed-in user's own notifications and unread count. */
export async function GET(request: Request) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return invalid(parsed.error);
  const db = getDb();
  const [unread, page] = await Promise.all([
    unreadNotificationCount(db, user.id),
    listNotifications(db, user.id, { unreadOnly: parsed.data.unread === "1", before: parsed.data.before ? new Date(parsed.data.before) : undefined, limit: parsed.data.limit }),
  ]);
  return json({ unread, ...page });
}
