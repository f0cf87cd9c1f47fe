import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TokenDecryptionError, decryptToken, encryptToken, needsReencryption } from "@/lib/smartcar/token-crypto";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };

function flipCharAt(text: string, index: number): string {
  const replacement = text[index] === "A" ? "B" : "A";
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe("token encryption at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const { ciphertext, keyId } = encryptToken("access-token-1234", [k1], "ctx");
    expect(keyId).toBe("k1");
    expect(ciphertext).not.toContain("access-token");
    expect(decryptToken(ciphertext, keyId, [k1], "ctx")).toBe("access-token-1234");
  });

  it("uses a fresh nonce every time", () => {
    const a = encryptToken("same", [k1], "ctx").ciphertext;
    const b = encryptToken("same", [k1], "ctx").ciphertext;
    expect(a).not.toBe(b);
  });

  it("detects tampering with the ciphertext, nonce or tag", () => {
    const { ciphertext } = encryptToken("secret-refresh-token", [k1], "ctx");
    const [version, iv, tag, data] = ciphertext.split(".") as [string, string, string, string];
    for (const tampered of [
      [version, iv, tag, flipCharAt(data, 3)].join("."),
      [version, flipCharAt(iv, 2), tag, data].join("."),
      [version, iv, flipCharAt(tag, 5), data].join("."),
    ]) {
      expect(() => decryptToken(tampered, "k1", [k1], "ctx")).toThrow(TokenDecryptionError);
    }
    expect(() => decryptToken("garbage", "k1", [k1], "ctx")).toThrow(TokenDecryptionError);
  });

  it("binds a ciphertext to its context (row and purpose)", () => {
    const { ciphertext } = encryptToken("token", [k1], "vehicle-token:access:A");
    expect(() => decryptToken(ciphertext, "k1", [k1], "vehicle-token:access:B")).toThrow(TokenDecryptionError);
  });

  it("supports key rotation: old values decrypt with the old key, new values use the new key", () => {
    const old = encryptToken("old-token", [k1], "ctx");
    const rotatedKeys = [k2, k1];
    expect(decryptToken(old.ciphertext, old.keyId, rotatedKeys, "ctx")).toBe("old-token");
    expect(needsReencryption(old.keyId, rotatedKeys)).toBe(true);
    const fresh = encryptToken("new-token", rotatedKeys, "ctx");
    expect(fresh.keyId).toBe("k2");
    expect(needsReencryption(fresh.keyId, rotatedKeys)).toBe(false);
    expect(() => decryptToken(old.ciphertext, old.keyId, [k2], "ctx")).toThrow(/not configured/);
    expect(() => decryptToken(old.ciphertext, "k2", rotatedKeys, "ctx")).toThrow(TokenDecryptionError);
  });
});
