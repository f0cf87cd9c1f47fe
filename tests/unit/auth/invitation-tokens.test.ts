import { describe, expect, it } from "vitest";
import { generateInvitationToken, hashInvitationToken, invitationPath, invitationState, isWellFormedInvitationToken } from "@/lib/auth/invitations";

describe("invitation tokens", () => {
  it("are 256 random bits in URL-safe base64, different every time", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateInvitationToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(isWellFormedInvitationToken(token)).toBe(true);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("are stored as a SHA-256 hex digest that does not contain the token", () => {
    const token = generateInvitationToken();
    const hash = hashInvitationToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashInvitationToken(token)).toBe(hash);
    expect(hashInvitationToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).not.toBe(hash);
  });

  it("rejects malformed tokens before any lookup", () => {
    expect(isWellFormedInvitationToken("")).toBe(false);
    expect(isWellFormedInvitationToken("a".repeat(42))).toBe(false);
    expect(isWellFormedInvitationToken(`${"a".repeat(42)}=`)).toBe(false);
    expect(isWellFormedInvitationToken("../../etc/passwd")).toBe(false);
  });

  it("travel in the path of the acceptance page", () => {
    expect(invitationPath("abc")).toBe("/invite/abc");
  });
});

describe("invitationState", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const later = new Date("2026-11-24T12:00:00Z");
  const earlier = new Date("2026-11-22T12:00:00Z");

  it("is pending until it expires", () => {
    expect(invitationState({ acceptedAt: null, revokedAt: null, expiresAt: later }, now)).toBe("pending");
    expect(invitationState({ acceptedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(invitationState({ acceptedAt: null, revokedAt: null, expiresAt: earlier }, now)).toBe("expired");
  });

  it("reports use before withdrawal or expiry", () => {
    expect(invitationState({ acceptedAt: earlier, revokedAt: null, expiresAt: earlier }, now)).toBe("accepted");
    expect(invitationState({ acceptedAt: null, revokedAt: earlier, expiresAt: later }, now)).toBe("revoked");
  });
});
