import { describe, expect, it } from "vitest";
import { summarizeSecurity } from "@/lib/fleet/security-summary";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const doors = (open: number, locked: boolean) => ({
  values: [0, 1].flatMap((row) => [0, 1].map((column) => ({ row, column, isOpen: row * 2 + column < open, isLocked: locked }))),
  rowCount: 2,
  columnCount: 2,
});
const reading = (code: string, body: unknown, at: Date, status = "SUCCESS") => ({ code, body, status, oemUpdatedAt: at, retrievedAt: at });

describe("summarizeSecurity", () => {
  it("reads lock and closures reported together as one current picture", () => {
    const summary = summarizeSecurity([reading("closure-islocked", { value: true }, ago(2)), reading("closure-doors", doors(0, true), ago(2))], now)!;
    expect(summary).toMatchObject({ value: "Locked, all closed", tone: "good", olderParts: [] });
  });

  it("never presents an old door reading as current next to a newer lock reading", () => {
    // The defect: "All closed, all locked" from a door reading hours old, next to a fresh "Unlocked".
    const summary = summarizeSecurity([reading("closure-islocked", { value: false }, ago(1)), reading("closure-doors", doors(0, true), ago(180))], now)!;
    expect(summary.value).toBe("Unlocked, all closed");
    expect(summary.tone).toBe("warn");
    expect(summary.olderParts).toEqual([{ label: "Doors", age: "3 h ago" }]);
    expect(summary.newest).toEqual(ago(1));
    expect(summary.oldest).toEqual(ago(180));
  });

  it("names what is open: doors, windows, trunks", () => {
    const summary = summarizeSecurity(
      [
        reading("closure-islocked", { value: false }, ago(1)),
        reading("closure-doors", doors(1, false), ago(1)),
        reading("closure-windows", { values: [{ row: 0, column: 0, isOpen: true }, { row: 0, column: 1, isOpen: true }], rowCount: 1, columnCount: 2 }, ago(1)),
        reading("closure-reartrunk", { isOpen: true, isLocked: false }, ago(1)),
        reading("closure-fronttrunk", { isOpen: false, isLocked: false }, ago(1)),
      ],
      now,
    )!;
    expect(summary.value).toBe("Unlocked, 1 door open, 2 windows open, trunk open");
    expect(summary.olderParts).toEqual([]);
  });

  it("takes the lock from the doors only when IsLocked was not reported, and skips failed readings", () => {
    expect(summarizeSecurity([reading("closure-doors", doors(0, false), ago(3))], now)?.value).toBe("Unlocked, all closed");
    expect(summarizeSecurity([reading("closure-islocked", null, ago(3), "ERROR"), reading("closure-windows", { values: [] }, ago(3))], now)?.value).toBe("All closed");
    expect(summarizeSecurity([reading("closure-islocked", null, ago(3), "ERROR")], now)).toBeNull();
    expect(summarizeSecurity([], now)).toBeNull();
  });
});
