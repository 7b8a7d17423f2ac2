import { describe, expect, it } from "vitest";

import {
  ConflictError,
  fieldError,
  InvalidError,
  isDomainError,
  NotFoundError,
  RateLimitedError,
} from "./errors.ts";

describe("domain errors", () => {
  it("carry their kind and message", () => {
    const error = new NotFoundError("Project not found");
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe("not_found");
    expect(error.name).toBe("NotFoundError");
    expect(error.message).toBe("Project not found");
  });

  it("place a field error on its input path", () => {
    expect(fieldError("parentId", "A task cannot be its own parent").issues).toEqual([
      { path: ["parentId"], message: "A task cannot be its own parent" },
    ]);
    expect(new InvalidError("Bad", { field: ["note", "text"] }).issues).toEqual([
      { path: ["note", "text"], message: "Bad" },
    ]);
    expect(new InvalidError("Bad").issues).toEqual([]);
  });

  it("keep the retry delay of a rate limit", () => {
    expect(new RateLimitedError("Slow down", 42).retryAfterSeconds).toBe(42);
  });

  it("are recognised by brand, also when made by another module instance", () => {
    const foreign = Object.assign(new Error("x"), {
      [Symbol.for("tenantry.domain-error")]: true,
      kind: "conflict",
    });
    expect(isDomainError(foreign, "conflict")).toBe(true);
    expect(isDomainError(new ConflictError("taken"), "not_found")).toBe(false);
    expect(isDomainError(new Error("plain"))).toBe(false);
    expect(isDomainError(null)).toBe(false);
  });
});
