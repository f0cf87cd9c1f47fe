import "server-only";
import { and, count, desc, eq, gte, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db";
import { users, vehicles, webhookDeliveries, webhookRejections, webhookReplays } from "@/lib/db/schema";

/** Read side of the webhooks page: deliveries with filters and paging, counts, the inspector's row. */

export const DELIVERY_STATUSES = ["pending", "processed", "duplicate", "unhandled", "unmatched", "failed"] as const;
export const PAGE_SIZE = 25;

export const deliveryFiltersSchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  type: z.string().trim().max(100).regex(/^[A-Z_]*$/).optional().catch(undefined),
  vehicle: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  delivery: z.coerce.number().int().positive().optional().catch(undefined),
});
export type DeliveryFilters = z.infer<typeof deliveryFiltersSchema>;

function filterCondition(filters: DeliveryFilters): SQL | undefined {
  const conditions: SQL[] = [ne(webhookDeliveries.eventType, "VERIFY")];
  if (filters.status) conditions.push(eq(webhookDeliveries.status, filters.status));
  if (filters.type) conditions.push(eq(webhookDeliveries.eventType, filters.type));
  if (filters.vehicle) conditions.push(eq(webhookDeliveries.smartcarVehicleId, filters.vehicle));
  return and(...conditions);
}

export async function listDeliveries(db: Database, filters: DeliveryFilters) {
  const where = filterCondition(filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        eventId: webhookDeliveries.eventId,
        eventType: webhookDeliveries.eventType,
        smartcarVehicleId: webhookDeliveries.smartcarVehicleId,
        vehicleId: webhookDeliveries.vehicleId,
        vehicleName: sql<string | null>`case when ${vehicles.id} is null then null else coalesce(nullif(btrim(${vehicles.nickname}), ''), concat(${vehicles.year}, ' ', ${vehicles.make}, ' ', ${vehicles.model})) end`,
        status: webhookDeliveries.status,
        signature: webhookDeliveries.signature,
        attempts: webhookDeliveries.attempts,
        receivedAt: webhookDeliveries.receivedAt,
        deliveredAt: webhookDeliveries.deliveredAt,
        processedAt: webhookDeliveries.processedAt,
        replayedAt: webhookDeliveries.replayedAt,
      })
      .from(webhookDeliveries)
      .leftJoin(vehicles, eq(vehicles.id, webhookDeliveries.vehicleId))
      .where(where)
      .orderBy(desc(webhookDeliveries.id))
      .limit(PAGE_SIZE)
      .offset((filters.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  return { rows, total: total?.n ?? 0, pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / PAGE_SIZE)) };
}
export type DeliveryListRow = Awaited<ReturnType<typeof listDeliveries>>["rows"][number];

export async function getDelivery(db: Database, id: number) {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
  return row ?? null;
}

/** The replays of one delivery, newest first, with who asked for each. */
export async function listReplays(db: Database, deliveryId: number) {
  return db
    .select({
      id: webhookReplays.id,
      replayedAt: webhookReplays.replayedAt,
      reason: webhookReplays.reason,
      replayedBy: users.email,
      status: webhookReplays.status,
      result: webhookReplays.result,
      durationMs: webhookReplays.durationMs,
    })
    .from(webhookReplays)
    .leftJoin(users, eq(users.id, webhookReplays.replayedBy))
    .where(eq(webhookReplays.deliveryId, deliveryId))
    .orderBy(desc(webhookReplays.replayedAt), desc(webhookReplays.id))
    .limit(50);
}

export async function deliveryOverview(db: Database, now = new Date()) {
  const since = new Date(now.getTime() - 24 * 3600 * 1000);
  const [byStatus, rejections, eventTypes, lastVerify] = await Promise.all([
    db
      .select({ status: webhookDeliveries.status, n: count() })
      .from(webhookDeliveries)
      .where(and(gte(webhookDeliveries.receivedAt, since), ne(webhookDeliveries.eventType, "VERIFY")))
      .groupBy(webhookDeliveries.status),
    db
      .select({ reason: webhookRejections.reason, n: count(), lastAt: sql<Date>`max(${webhookRejections.receivedAt})`.mapWith((value) => new Date(value)) })
      .from(webhookRejections)
      .where(gte(webhookRejections.receivedAt, new Date(now.getTime() - 7 * 24 * 3600 * 1000)))
      .groupBy(webhookRejections.reason)
      .orderBy(desc(count())),
    db.selectDistinct({ eventType: webhookDeliveries.eventType }).from(webhookDeliveries).where(ne(webhookDeliveries.eventType, "VERIFY")).limit(20),
    db
      .select({ receivedAt: webhookDeliveries.receivedAt, signature: webhookDeliveries.signature, rawBody: webhookDeliveries.rawBody })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventType, "VERIFY"))
      .orderBy(desc(webhookDeliveries.id))
      .limit(1),
  ]);
  const statusCounts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as Record<(typeof DELIVERY_STATUSES)[number], number>;
  for (const row of byStatus) statusCounts[row.status] = row.n;
  const verify = lastVerify[0];
  let webhookName: string | null = null;
  if (verify) {
    const meta = (JSON.parse(verify.rawBody) as { meta?: { webhookName?: unknown; webhookId?: unknown } }).meta;
    webhookName = typeof meta?.webhookName === "string" ? meta.webhookName : typeof meta?.webhookId === "string" ? meta.webhookId : null;
  }
  return {
    last24h: statusCounts,
    received24h: byStatus.reduce((sum, row) => sum + row.n, 0),
    rejections: rejections.map((row) => ({ reason: row.reason, count: row.n, lastAt: row.lastAt })),
    eventTypes: eventTypes.map((row) => row.eventType).sort(),
    lastVerify: verify ? { receivedAt: verify.receivedAt, signature: verify.signature, webhookName } : null,
  };
}

export interface InboxBacklog {
  /** Deliveries acknowledged but not yet processed. */
  pending: number;
  /** How long the oldest of them has waited, in seconds; null when none waits. */
  oldestPendingSeconds: number | null;
}

/** How far processing is behind acknowledging: for /api/health, monitoring and the benchmark. */
export async function inboxBacklog(db: Database): Promise<InboxBacklog> {
  const [row] = await db
    .select({
      pending: count(),
      oldestPendingSeconds: sql<string | null>`extract(epoch from now() - min(${webhookDeliveries.receivedAt}))`,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, "pending"));
  return { pending: row?.pending ?? 0, oldestPendingSeconds: row?.oldestPendingSeconds == null ? null : Math.round(Number(row.oldestPendingSeconds) * 10) / 10 };
}
