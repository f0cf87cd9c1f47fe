import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Tokens at rest: AES-256-GCM with a random 96-bit nonce per value. The first configured key
 * encrypts; every configured key can decrypt (rotation: add a new key in front, keep the old one until
 * every row was rewritten). The stored key id says which key to use. The additional authenticated
 * data binds a ciphertext to its row and purpose, so one row's token pasted into another row fails.
 */

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export class TokenDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenDecryptionError";
  }
}

const FORMAT = "v1";

export function encryptToken(plaintext: string, keys: readonly EncryptionKey[], context: string): { ciphertext: string; keyId: string } {
  const current = keys[0];
  if (!current) throw new Error("no encryption key configured");
  if (current.key.length !== 32) throw new Error(`encryption key "${current.id}" must be 32 bytes`);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    ciphertext: [FORMAT, iv.toString("base64url"), tag.toString("base64url"), encrypted.toString("base64url")].join("."),
    keyId: current.id,
  };
}

export function decryptToken(ciphertext: string, keyId: string, keys: readonly EncryptionKey[], context: string): string {
  const key = keys.find((candidate) => candidate.id === keyId);
  if (!key) throw new TokenDecryptionError(`encryption key "${keyId}" is not configured`);
  const parts = ciphertext.split(".");
  if (parts.length !== 4 || parts[0] !== FORMAT) throw new TokenDecryptionError("unrecognised token ciphertext format");
  const [, ivText, tagText, dataText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new TokenDecryptionError("unrecognised token ciphertext format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, iv);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenDecryptionError("token ciphertext failed authentication (tampered, or wrong key)");
  }
}

/** True when a value was written with a key other than the current one and should be rewritten. */
export function needsReencryption(keyId: string, keys: readonly EncryptionKey[]): boolean {
  return keys[0]?.id !== keyId;
}
