import { describe, expect, it } from "vitest";
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, PASSWORD_HASH_COST, verifyPassword } from "@/lib/auth/passwords";

describe("password hashing", () => {
  it("stores a salted bcrypt hash at the configured cost, never the password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).not.toContain("correct horse battery");
    expect(hash).toMatch(new RegExp(`^\\$2[aby]\\$${PASSWORD_HASH_COST}\\$.{53}$`));
  });

  it("salts every hash, so equal passwords hash differently", async () => {
    const [first, second] = await Promise.all([hashPassword("same password", 4), hashPassword("same password", 4)]);
    expect(first).not.toBe(second);
    expect(await verifyPassword("same password", first)).toBe(true);
    expect(await verifyPassword("same password", second)).toBe(true);
  });

  it("accepts the right password and refuses near misses", async () => {
    const hash = await hashPassword("demo1234", 4);
    expect(await verifyPassword("demo1234", hash)).toBe(true);
    expect(await verifyPassword("demo12345", hash)).toBe(false);
    expect(await verifyPassword("Demo1234", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });
});

describe("new password rules", () => {
  it(`needs at least ${MIN_PASSWORD_LENGTH} characters`, () => {
    expect(passwordProblem("short")).toMatch(/at least 8/);
    expect(passwordProblem("a".repeat(MIN_PASSWORD_LENGTH))).toBeNull();
  });

  it("refuses passwords bcrypt would silently truncate (over 72 bytes)", () => {
    expect(passwordProblem("a".repeat(72))).toBeNull();
    expect(passwordProblem("a".repeat(73))).toMatch(/at most 72 bytes/);
    // 25 three-byte characters are 75 bytes though only 25 characters long.
    expect(passwordProblem("€".repeat(25))).toMatch(/at most 72 bytes/);
  });
});
