import "server-only";
import type { Database } from "@/lib/db";
import { hashChallenge, verifySignature } from "@/lib/smartcar/webhook-crypto";
import { parseWebhookBody, type WebhookEvent } from "@/lib/smartcar/webhook-events";
import { recordRejection, type InboxRow, type InboxWriter, type RejectionReason } from "./inbox";

/**
 * The receiving end of Smartcar webhooks (contract §5): verify, store raw, acknowledge. Nothing here
 * touches vehicles or errors; the inbox worker does that after the answer has gone out, so the
 * acknowledgement stays one signature check and one (shared) insert.
 */

/** Smartcar's documented payload limit (contract §5.1). */
export const MAX_WEBHOOK_BYTES = 50 * 1024;
/** Smartcar waits 15 s; answering 503 well before that lets it schedule its retry. */
const STORE_TIMEOUT_MS = 8_000;

export interface ReceiverContext {
  db: Database;
  /** Shared by every request of this receiver, so concurrent acknowledgements share inserts. */
  inbox: InboxWriter;
  managementToken: string;
  /** Called after a pending delivery is durably stored (wakes the in-process worker). */
  onStored: () => void;
  onRejected?: (reason: RejectionReason, bodyBytes: number) => void;
  onStoreFailed?: (error: unknown) => void;
}

export type ReceivedBody = { kind: "body"; bytes: Buffer } | { kind: "too_large"; bytes: number };

export interface ReceiveOutcome {
  status: number;
  body: Record<string, unknown>;
}

function reject(context: ReceiverContext, reason: RejectionReason, status: number, bodyBytes: number, message: string): ReceiveOutcome {
  context.onRejected?.(reason, bodyBytes);
  // Counting is best effort: a flood of forged requests must not wait on (or take down) the database.
  recordRejection(context.db, reason, status, bodyBytes).catch(() => {});
  return { status, body: { error: reason, message } };
}

/**
 * A VERIFY answer is an HMAC keyed by the management token over a string the caller chooses. If
 * VERIFY is accepted unsigned (contract §5.2: unconfirmed whether Smartcar signs it), a challenge that
 * is itself a JSON object would turn this endpoint into a signing oracle for forged events, so such
 * challenges are refused.
 */
function isSafeChallenge(challenge: string): boolean {
  return !/[{}[\]"]/.test(challenge);
}

function inboxRow(event: Exclude<WebhookEvent, { eventType: "VERIFY" }>, rawBody: string): InboxRow {
  const isUnhandled = event.eventType === "UNHANDLED";
  return {
    eventId: event.eventId,
    deliveryId: event.meta.deliveryId,
    eventType: isUnhandled ? event.originalEventType : event.eventType,
    smartcarVehicleId: event.smartcarVehicleId,
    smartcarUserId: event.smartcarUserId,
    deliveredAt: event.meta.deliveredAt,
    rawBody,
    signature: "valid",
    status: isUnhandled ? "unhandled" : "pending",
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, rejectTimeout) => {
        timer = setTimeout(() => rejectTimeout(new Error(`database did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function store(context: ReceiverContext, row: InboxRow): Promise<ReceiveOutcome> {
  try {
    const id = await withTimeout(context.inbox.store(row), STORE_TIMEOUT_MS);
    if (row.status === "pending") context.onStored();
    return { status: 200, body: { received: true, id } };
  } catch (error) {
    // Never acknowledge what is not stored: Smartcar retries 503s with the same eventId.
    context.onStoreFailed?.(error);
    return { status: 503, body: { error: "unavailable", message: "The delivery could not be stored; retry later." } };
  }
}

export async function receiveWebhook(context: ReceiverContext, received: ReceivedBody, signature: string | null): Promise<ReceiveOutcome> {
  if (received.kind === "too_large") {
    return reject(context, "too_large", 413, received.bytes, `Payloads are limited to ${MAX_WEBHOOK_BYTES} bytes.`);
  }
  const { bytes } = received;
  const signatureValid = verifySignature(context.managementToken, bytes, signature);
  const rawBody = bytes.toString("utf8");

  if (!signatureValid) {
    // Only a VERIFY may arrive unsigned; a wrong signature is refused whatever the body says.
    const parsed = signature ? null : parseWebhookBody(rawBody);
    if (parsed?.ok && parsed.event.eventType === "VERIFY") return answerVerify(context, parsed.event, rawBody, "unsigned");
    return signature
      ? reject(context, "signature_invalid", 401, bytes.length, "SC-Signature does not match the body.")
      : reject(context, "signature_missing", 401, bytes.length, "SC-Signature header is missing.");
  }

  const parsed = parseWebhookBody(rawBody);
  if (!parsed.ok) return reject(context, parsed.reason, 400, bytes.length, parsed.detail);
  if (parsed.event.eventType === "VERIFY") return answerVerify(context, parsed.event, rawBody, "valid");
  return store(context, inboxRow(parsed.event, rawBody));
}

function answerVerify(
  context: ReceiverContext,
  event: Extract<WebhookEvent, { eventType: "VERIFY" }>,
  rawBody: string,
  signature: InboxRow["signature"],
): ReceiveOutcome {
  if (!isSafeChallenge(event.challenge)) {
    return reject(context, "verify_refused", 400, Buffer.byteLength(rawBody), "The challenge must not contain JSON.");
  }
  // Recorded for the webhooks page; the answer does not wait for (or depend on) the database.
  context.inbox
    .store({
      eventId: event.eventId,
      deliveryId: event.meta.deliveryId,
      eventType: "VERIFY",
      smartcarVehicleId: null,
      smartcarUserId: null,
      deliveredAt: event.meta.deliveredAt,
      rawBody,
      signature,
      status: "processed",
    })
    .catch(() => {});
  return { status: 200, body: { challenge: hashChallenge(context.managementToken, event.challenge) } };
}
