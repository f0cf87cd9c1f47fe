import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Smartcar's webhook cryptography (contract §5.2, §5.3): HMAC-SHA256 keyed by the Application
 * Management Token, lowercase hex. Signatures are checked over the exact bytes received, never over a
 * re-serialised object, and compared in constant time.
 */

export function hmacHex(managementToken: string, message: string | Uint8Array): string {
  return createHmac("sha256", managementToken).update(message).digest("hex");
}

/** The body of a VERIFY answer: `{"challenge": hashChallenge(amt, challenge)}`. */
export function hashChallenge(managementToken: string, challenge: string): string {
  return hmacHex(managementToken, challenge);
}

/** What an emulator or test puts in the `SC-Signature` header for the exact bytes it sends. */
export function signPayload(managementToken: string, rawBody: string | Uint8Array): string {
  return hmacHex(managementToken, rawBody);
}

export function verifySignature(managementToken: string, rawBody: string | Uint8Array, signature: string | null | undefined): boolean {
  if (!signature || !/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  const expected = Buffer.from(hmacHex(managementToken, rawBody), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
