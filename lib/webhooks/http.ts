import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_WEBHOOK_BYTES, receiveWebhook, type ReceivedBody, type ReceiverContext } from "./receive";

/**
 * The receiver over HTTP: from a Web Request (the Next route handler, used by `next dev`) or a Node
 * request (the production server in front of Next, tests and benchmarks mounting it on node:http).
 * A body is never buffered beyond the limit.
 */

export const WEBHOOK_PATH = "/api/webhooks/smartcar";

function declaredTooLarge(contentLength: string | null | undefined): number | null {
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > MAX_WEBHOOK_BYTES ? declared : null;
}

export async function readWebRequestBody(request: Request): Promise<ReceivedBody> {
  const declared = declaredTooLarge(request.headers.get("content-length"));
  if (declared !== null) return { kind: "too_large", bytes: declared };
  if (!request.body) return { kind: "body", bytes: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_WEBHOOK_BYTES) {
      await reader.cancel().catch(() => {});
      return { kind: "too_large", bytes: total };
    }
    chunks.push(value);
  }
  return { kind: "body", bytes: Buffer.concat(chunks, total) };
}

export function readNodeRequestBody(request: IncomingMessage): Promise<ReceivedBody> {
  const declared = declaredTooLarge(request.headers["content-length"]);
  if (declared !== null) {
    request.resume();
    return Promise.resolve({ kind: "too_large", bytes: declared });
  }
  return new Promise((resolve, rejectRead) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_WEBHOOK_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? { kind: "too_large", bytes: total } : { kind: "body", bytes: Buffer.concat(chunks, total) }));
    request.on("error", rejectRead);
  });
}

/** Answers one delivery on a node:http request: the production hot path, without Next's request pipeline. */
export async function answerNodeWebhook(receiver: ReceiverContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let body: ReceivedBody;
  try {
    body = await readNodeRequestBody(request);
  } catch {
    // The sender went away mid-body: there is nobody to answer and nothing was stored.
    response.destroy();
    return;
  }
  const signature = request.headers["sc-signature"];
  const outcome = await receiveWebhook(receiver, body, typeof signature === "string" ? signature : null);
  response.writeHead(outcome.status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(outcome.body));
}
