import { describe, expect, it } from "vitest";
import { combineVerdicts, limitVerdict, signInSubjects, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limits";

const limit = { maxFailures: 3, windowMs: 10 * 60_000 };
const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("limitVerdict", () => {
  it("allows while fewer than maxFailures happened inside the window", () => {
    expect(limitVerdict([], limit, now)).toEqual({ allowed: true });
    expect(limitVerdict([minutesAgo(1), minutesAgo(2)], limit, now)).toEqual({ allowed: true });
  });

  it("blocks at maxFailures until the oldest counted failure leaves the window", () => {
    const verdict = limitVerdict([minutesAgo(1), minutesAgo(2), minutesAgo(4)], limit, now);
    expect(verdict).toEqual({ allowed: false, retryAt: new Date(minutesAgo(4).getTime() + limit.windowMs) });
  });

  it("ignores failures older than the window", () => {
    expect(limitVerdict([minutesAgo(1), minutesAgo(2), minutesAgo(10), minutesAgo(30)], limit, now)).toEqual({ allowed: true });
  });

  it("with more failures than the limit, waits for the maxFailures-th newest one", () => {
    const verdict = limitVerdict([minutesAgo(1), minutesAgo(2), minutesAgo(3), minutesAgo(8)], limit, now);
    expect(verdict).toEqual({ allowed: false, retryAt: new Date(minutesAgo(3).getTime() + limit.windowMs) });
  });
});

describe("combineVerdicts", () => {
  it("blocks when either subject is blocked, until the later of the two waits", () => {
    const early = new Date("2026-11-23T12:05:00Z");
    const late = new Date("2026-11-23T12:09:00Z");
    expect(combineVerdicts({ allowed: true }, { allowed: true })).toEqual({ allowed: true });
    expect(combineVerdicts({ allowed: true }, { allowed: false, retryAt: early })).toEqual({ allowed: false, retryAt: early });
    expect(combineVerdicts({ allowed: false, retryAt: late }, { allowed: false, retryAt: early })).toEqual({ allowed: false, retryAt: late });
  });
});

describe("signInSubjects", () => {
  it("counts an account by its normalized email, so case and spaces don't reset the count", () => {
    expect(signInSubjects("  Manager@Example.COM ", "10.0.0.1")).toEqual({ account: "account:manager@example.com", ip: "ip:10.0.0.1" });
  });

  it("is stricter per account than per address (an office shares one address)", () => {
    expect(SIGN_IN_LIMITS.account.maxFailures).toBeLessThan(SIGN_IN_LIMITS.ip.maxFailures);
  });
});
