import { describe, expect, it } from "vitest";
import { nextRunAfter, reportPeriod } from "@/lib/reports/period";

describe("report periods", () => {
  it("runs weekly on Mondays and monthly on the 1st at 06:00 UTC, strictly after the given time", () => {
    expect(nextRunAfter("weekly", new Date("2026-11-30T05:59:00Z")).toISOString()).toBe("2026-11-30T06:00:00.000Z");
    expect(nextRunAfter("weekly", new Date("2026-11-30T06:00:00Z")).toISOString()).toBe("2026-12-07T06:00:00.000Z");
    expect(nextRunAfter("weekly", new Date("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-07T06:00:00.000Z");
    expect(nextRunAfter("monthly", new Date("2026-11-15T00:00:00Z")).toISOString()).toBe("2026-12-01T06:00:00.000Z");
    expect(nextRunAfter("monthly", new Date("2026-12-31T23:00:00Z")).toISOString()).toBe("2027-01-01T06:00:00.000Z");
  });

  it("reports the week or the calendar month before a scheduled run, and up to now when sent by hand", () => {
    expect(reportPeriod("weekly", new Date("2026-12-07T06:00:00Z"), "scheduled")).toEqual({ start: new Date("2026-11-30T06:00:00Z"), end: new Date("2026-12-07T06:00:00Z") });
    expect(reportPeriod("monthly", new Date("2027-01-01T06:00:00Z"), "scheduled")).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") });
    expect(reportPeriod("monthly", new Date("2026-12-15T09:00:00Z"), "manual")).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2026-12-15T09:00:00Z") });
  });
});
