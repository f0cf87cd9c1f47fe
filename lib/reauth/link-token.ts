import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Reconnect-link tokens: `<link id>.<vehicle id>.<expiry>.<signature>`, each part base64url, signed with
 * HMAC-SHA256 under a key derived from the app's auth secret. The signature makes a changed character
 * detectable before any database lookup; the database row (by id) decides whether the link was spent.
 * Nothing secret is stored: the token can be re-derived from the row to repeat it in a reminder.
 */

export interface ReconnectTokenClaims {
  linkId: string;
  vehicleId: string;
  expiresAt: Date;
}

const SIGNATURE_BYTES = 16;

export function deriveReconnectLinkKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "fleetdeck", "reconnect-link v1", 32));
}

function uuidToBase64url(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ""), "hex").toString("base64url");
}

function base64urlToUuid(text: string): string | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(text)) return null;
  const hex = Buffer.from(text, "base64url").toString("hex");
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sign(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

export function signReconnectToken(key: Buffer, claims: ReconnectTokenClaims): string {
  const payload = [uuidToBase64url(claims.linkId), uuidToBase64url(claims.vehicleId), Math.floor(claims.expiresAt.getTime() / 1000).toString(36)].join(".");
  return `${payload}.${sign(key, payload).toString("base64url")}`;
}

/** The claims of an intact token, or null when it is malformed or any character was changed. */
export function verifyReconnectToken(key: Buffer, token: string): ReconnectTokenClaims | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [link, vehicle, expiry, signature] = parts as [string, string, string, string];
  const given = Buffer.from(signature, "base64url");
  const expected = sign(key, `${link}.${vehicle}.${expiry}`);
  // Re-encoding catches base64url variants that decode to the same bytes as the real signature.
  if (given.length !== expected.length || given.toString("base64url") !== signature || !timingSafeEqual(given, expected)) return null;
  const linkId = base64urlToUuid(link);
  const vehicleId = base64urlToUuid(vehicle);
  const seconds = Number.parseInt(expiry, 36);
  if (!linkId || !vehicleId || !/^[0-9a-z]+$/.test(expiry) || !Number.isFinite(seconds)) return null;
  return { linkId, vehicleId, expiresAt: new Date(seconds * 1000) };
}
