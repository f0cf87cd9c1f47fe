import { describe, expect, it } from "vitest";
import { signatureHeader } from "@/lib/alerts/deliveries";
import { addressAllowed, checkEndpointUrl, type OutboundPolicy } from "@/lib/alerts/ssrf";

const policy: OutboundPolicy = { allowPrivate: [], appUrl: "https://fleet.example.com", port: 3000 };

describe("outbound webhook URLs", () => {
  it("accepts public http(s) URLs and refuses other schemes, credentials, private and local addresses, and Fleetdeck itself", () => {
    expect(checkEndpointUrl("https://hooks.example.com/x", policy).ok).toBe(true);
    for (const url of [
      "ftp://hooks.example.com/",
      "file:///etc/passwd",
      "https://user:pass@hooks.example.com/",
      "http://127.0.0.1:8080/",
      "http://localhost/",
      "http://10.1.2.3/",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/",
      "http://[::ffff:192.168.0.1]/",
      "http://[fd00::1]/",
      "https://fleet.example.com/api/health",
      "not a url",
    ]) {
      expect(checkEndpointUrl(url, policy).ok, url).toBe(false);
    }
  });

  it("lets the operator allow private hosts and ranges, never Fleetdeck's own port", () => {
    const allowing: OutboundPolicy = { ...policy, allowPrivate: ["10.0.0.0/8", "127.0.0.1", "hooks.internal"] };
    expect(checkEndpointUrl("http://10.20.30.40/hook", allowing).ok).toBe(true);
    expect(checkEndpointUrl("http://127.0.0.1:9000/hook", allowing).ok).toBe(true);
    expect(checkEndpointUrl("http://127.0.0.1:3000/api/health", allowing).ok).toBe(false);
    expect(addressAllowed(new URL("http://hooks.internal/"), "192.168.1.5", allowing)).toBe(true);
    expect(addressAllowed(new URL("http://elsewhere.example/"), "192.168.1.5", allowing)).toBe(false);
    expect(addressAllowed(new URL("http://elsewhere.example/"), "93.184.216.34", allowing)).toBe(true);
  });

  it("signs the timestamp and the exact body", () => {
    const at = new Date("2026-11-30T12:00:00Z");
    expect(signatureHeader("secret", '{"a":1}', at)).toBe(signatureHeader("secret", '{"a":1}', at));
    expect(signatureHeader("secret", '{"a":1}', at)).not.toBe(signatureHeader("secret", '{"a":2}', at));
    expect(signatureHeader("secret", "{}", at)).toMatch(/^t=1796040000,v1=[0-9a-f]{64}$/);
  });
});
