import "server-only";
import type { IncomingMessage } from "node:http";
import { MAX_WEBHOOK_BYTES, type ReceivedBody } from "./receive";

/**
 * Reading a webhook body without ever buffering more than the limit, from a Web Request (Next route
 * handler) or a Node request (benchmarks, tests mounting the receiver on node:http).
 */

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
