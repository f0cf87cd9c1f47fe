import "server-only";
import type { Database } from "@/lib/db";
import type { alertEvents } from "@/lib/db/schema";
import type { LiveEvent } from "@/lib/live/events";
import type { EvaluatedRule } from "../rules";
import { emailNotificator } from "./email";
import { inAppNotificator } from "./in-app";
import { webhookNotificator } from "./webhook";

/**
 * One interface per channel (Traccar's notificators): alert events go to each notificator the rule
 * uses, inside the transaction that recorded them. Sending over the network happens
 * later, from the outbox (email) and the delivery queue (webhooks), so a slow or dead receiver never
 * holds the webhook worker.
 */

export interface AlertVehicle {
  id: string;
  name: string;
  make: string;
  model: string;
  year: number;
  vin: string | null;
}

export type AlertEventRow = typeof alertEvents.$inferSelect;

/** One rule's new events (one per vehicle or the fleet) and who receives them. */
export interface AlertDelivery {
  rule: EvaluatedRule;
  events: { event: AlertEventRow; vehicle: AlertVehicle | null }[];
  recipients: { id: string; email: string; role: "manager" | "owner" | "viewer" }[];
}

export interface Notificator {
  channel: "in_app" | "email" | "webhook";
  wants(rule: EvaluatedRule): boolean;
  /** Records what this channel must deliver (for one or several rules); returns live notices to publish after commit. */
  notify(db: Database, deliveries: AlertDelivery[]): Promise<LiveEvent[]>;
}

export const NOTIFICATORS: readonly Notificator[] = [inAppNotificator, emailNotificator, webhookNotificator];
