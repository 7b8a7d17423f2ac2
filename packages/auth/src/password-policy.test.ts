import { describe, expect, it } from "vitest";

import { checkPasswordPolicy, commonPasswordCount, isCommonPassword } from "./password-policy.ts";

describe("password policy", () => {
  it("loads the common-password list once, with tens of thousands of entries", () => {
    expect(commonPasswordCount()).toBeGreaterThan(40_000);
  });

  it("rejects common passwords case-insensitively", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PassWord")).toBe(true);
    expect(checkPasswordPolicy("iloveyou")).toMatch(/too common/);
    expect(checkPasswordPolicy("a perfectly fine passphrase")).toBeNull();
  });

  it("enforces 8..128 characters without composition rules, and not the email", () => {
    expect(checkPasswordPolicy("7chars!")).toBe("Password must be at least 8 characters");
    expect(checkPasswordPolicy("x".repeat(129))).toBe("Password must be at most 128 characters");
    expect(checkPasswordPolicy("alllowercaseletters")).toBeNull();
    expect(checkPasswordPolicy("Me@Example.test", "me@example.test")).toBe(
      "Password must not be your email address",
    );
  });
});
