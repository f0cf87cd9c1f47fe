import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/form-state";

describe("safeCallbackPath", () => {
  it("keeps local paths with their query", () => {
    expect(safeCallbackPath("/vehicles?make=Tesla")).toBe("/vehicles?make=Tesla");
    expect(safeCallbackPath("/settings/people")).toBe("/settings/people");
  });

  it("refuses anything that could leave the site", () => {
    for (const value of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", undefined, 42]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });

  it("never loops back into the sign-in or setup pages", () => {
    expect(safeCallbackPath("/sign-in?callbackUrl=/fleet")).toBe("/");
    expect(safeCallbackPath("/setup")).toBe("/");
    expect(safeCallbackPath("/api/auth/signout", "/fleet")).toBe("/fleet");
  });
});
