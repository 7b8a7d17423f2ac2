import { describe, expect, it } from "vitest";

import {
  ZCreateProjectInput,
  ZListProjectsInput,
  ZProjectKey,
  ZUpdateProjectInput,
} from "./project.ts";

describe("project schemas", () => {
  it("trims names and defaults the description", () => {
    expect(ZCreateProjectInput.parse({ name: "  Web  " })).toEqual({
      name: "Web",
      description: "",
      visibility: "ORGANIZATION",
    });
  });

  it("rejects empty and over-long names with field messages", () => {
    const empty = ZCreateProjectInput.safeParse({ name: "   " });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("Name is required");
    const long = ZCreateProjectInput.safeParse({ name: "x".repeat(121) });
    expect(long.error?.issues[0]?.message).toBe("Name must be at most 120 characters");
  });

  it("caps the page size", () => {
    expect(ZListProjectsInput.parse({})).toEqual({ limit: 20, includeArchived: false });
    expect(ZListProjectsInput.safeParse({ limit: 101 }).success).toBe(false);
    expect(ZListProjectsInput.safeParse({ limit: 0 }).success).toBe(false);
  });

  it("normalizes project keys and explains the rule", () => {
    expect(ZProjectKey.parse(" web2 ")).toBe("WEB2");
    const bad = ZProjectKey.safeParse("2WEB");
    expect(bad.error?.issues[0]?.message).toBe(
      "Key must be 2–10 letters or digits, starting with a letter (e.g. WEB)",
    );
  });

  it("refuses an update that changes nothing", () => {
    const result = ZUpdateProjectInput.safeParse({ id: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Nothing to update");
  });
});
