import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { webhookDeliveries, webhookRejections } from "@/lib/db/schema";

/** The inbox table's write side used by the receiver: one statement per delivery, nothing else. */

export type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)["status"];

export interface InboxRow {
  eventId: string;
  deliveryId: string | null;
  eventType: string;
  smartcarVehicleId: string | null;
  smartcarUserId: string | null;
  deliveredAt: Date | null;
  rawBody: string;
  signature: "valid" | "unsigned";
  /** `pending` for the worker; events that need no processing are stored already settled. */
  status: Extract<DeliveryStatus, "pending" | "processed" | "unhandled">;
}

/**
 * Stores one verified delivery and returns its id. Workers are woken by the caller afterwards
 * (`LiveHub.signalInbox`), outside this statement: a NOTIFY inside every insert would serialise
 * the commits of concurrent acknowledgements.
 */
export async function storeDelivery(db: Database, row: InboxRow): Promise<number> {
  const settledAt = row.status === "pending" ? null : new Date();
  const statement = sql`insert into ${webhookDeliveries}
      (event_id, delivery_id, event_type, smartcar_vehicle_id, smartcar_user_id, delivered_at, raw_body, signature, status, processed_at)
    values (${row.eventId}, ${row.deliveryId}, ${row.eventType}, ${row.smartcarVehicleId}, ${row.smartcarUserId},
      ${row.deliveredAt?.toISOString() ?? null}, ${row.rawBody}, ${row.signature}, ${row.status}, ${settledAt?.toISOString() ?? null})
    returning id`;
  const result = (await db.execute(statement)) as unknown as { rows: { id: number | string }[] };
  return Number(result.rows[0]!.id);
}

export type RejectionReason =
  | "signature_missing"
  | "signature_invalid"
  | "too_large"
  | "malformed_json"
  | "invalid_shape"
  | "verify_refused";

export async function recordRejection(db: Database, reason: RejectionReason, statusCode: number, bodyBytes: number): Promise<void> {
  await db.insert(webhookRejections).values({ reason, statusCode, bodyBytes });
}
