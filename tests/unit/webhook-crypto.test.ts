import { describe, expect, it } from "vitest";
import { hashChallenge, signPayload, verifySignature } from "@/lib/smartcar/webhook-crypto";

describe("webhook crypto", () => {
  it("matches Smartcar's official test vectors", () => {
    expect(hashChallenge("amt", "challenge")).toBe("9baf5a7464bd86740ad5a06e439dcf535a075022ed2c92d74efacf646d79328e");
    expect(verifySignature("amt", '{"pizza":"pasta"}', "4c05a8da471f05156ad717baa4017acd13a3a809850b9ca7d3301dcaaa854f70")).toBe(true);
  });

  it("verifies over the exact bytes, so a re-formatted body fails", () => {
    const body = '{"eventId":"e1","eventType":"VEHICLE_STATE"}';
    const signature = signPayload("secret", body);
    expect(verifySignature("secret", body, signature)).toBe(true);
    expect(verifySignature("secret", body, signature.toUpperCase())).toBe(true);
    expect(verifySignature("secret", '{"eventId": "e1","eventType":"VEHICLE_STATE"}', signature)).toBe(false);
    expect(verifySignature("other", body, signature)).toBe(false);
  });

  it("rejects missing and malformed signatures", () => {
    expect(verifySignature("secret", "{}", undefined)).toBe(false);
    expect(verifySignature("secret", "{}", "")).toBe(false);
    expect(verifySignature("secret", "{}", "zz".repeat(32))).toBe(false);
    expect(verifySignature("secret", "{}", "ab")).toBe(false);
  });
});
