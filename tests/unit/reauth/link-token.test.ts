import { describe, expect, it } from "vitest";
import { deriveReconnectLinkKey, signReconnectToken, verifyReconnectToken } from "@/lib/reauth/link-token";

const key = deriveReconnectLinkKey("test-auth-secret-0123456789abcdef0123456789");
const claims = { linkId: "0b6a3f7e-2c1d-4e5f-8a9b-0c1d2e3f4a5b", vehicleId: "5c0a7e00-de30-4f1e-9a00-000000000001", expiresAt: new Date("2030-01-02T03:04:05Z") };

describe("reconnect link tokens", () => {
  it("round-trips the link, the vehicle and the expiry (to the second)", () => {
    const token = signReconnectToken(key, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(verifyReconnectToken(key, token)).toEqual(claims);
  });

  it("refuses a token with any single character changed", () => {
    const token = signReconnectToken(key, claims);
    for (let index = 0; index < token.length; index += 1) {
      if (token[index] === ".") continue;
      const replacement = token[index] === "A" ? "B" : "A";
      const tampered = `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
      expect(verifyReconnectToken(key, tampered), `position ${index}`).toBeNull();
    }
  });

  it("refuses another vehicle's id spliced into a valid token, a truncated token and another key's token", () => {
    const token = signReconnectToken(key, claims);
    const other = signReconnectToken(key, { ...claims, vehicleId: "5c0a7e00-de30-4f1e-9a00-000000000002" });
    const [link, , expiry, signature] = token.split(".");
    const otherVehicle = other.split(".")[1];
    expect(verifyReconnectToken(key, [link, otherVehicle, expiry, signature].join("."))).toBeNull();
    expect(verifyReconnectToken(key, token.slice(0, -3))).toBeNull();
    expect(verifyReconnectToken(key, `${token}.x`)).toBeNull();
    expect(verifyReconnectToken(deriveReconnectLinkKey("another-secret-0123456789abcdef0123456789"), token)).toBeNull();
  });

  it("derives different keys from different secrets and the same key from the same one", () => {
    expect(deriveReconnectLinkKey("a".repeat(40)).equals(deriveReconnectLinkKey("a".repeat(40)))).toBe(true);
    expect(deriveReconnectLinkKey("a".repeat(40)).equals(deriveReconnectLinkKey("b".repeat(40)))).toBe(false);
  });
});
