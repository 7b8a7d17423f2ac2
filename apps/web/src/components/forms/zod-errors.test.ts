import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ZCreateProjectInput } from "@tenantry/validators";

import { failure } from "./form-state";
import { errorMessage, zodErrorsOf } from "./zod-errors";

// The server-side caller throws what the input parser threw: a BAD_REQUEST TRPCError caused by the ZodError.
function serverValidationError(input: unknown): TRPCError {
  const parsed = ZCreateProjectInput.safeParse(input);
  if (parsed.success) throw new Error("expected invalid input");
  return new TRPCError({ code: "BAD_REQUEST", message: parsed.error.message, cause: parsed.error });
}

describe("zodErrorsOf", () => {
  it("reads the server caller's TRPCError and the browser's formatted error alike", () => {
    const server = serverValidationError({ name: "" });
    const fromServer = zodErrorsOf(server);
    expect(Object.keys(fromServer?.fieldErrors ?? {})).toEqual(["name"]);
    // What the API's error formatter sends the browser for the same failure.
    const browser = {
      message: server.message,
      data: { zodError: z.flattenError(server.cause as z.ZodError) },
    };
    expect(zodErrorsOf(browser)).toEqual(fromServer);
  });

  it("is null for errors that are not validation errors", () => {
    expect(zodErrorsOf(new TRPCError({ code: "FORBIDDEN", message: "No" }))).toBeNull();
    expect(zodErrorsOf({ data: { zodError: null }, message: "x" })).toBeNull();
    expect(zodErrorsOf("boom")).toBeNull();
  });
});

describe("errorMessage", () => {
  it("shows the first validation issue, never zod's JSON dump", () => {
    const error = serverValidationError({ name: "" });
    expect(error.message.startsWith("[")).toBe(true);
    const message = errorMessage(error);
    expect(message).toBe(zodErrorsOf(error)?.fieldErrors.name?.[0]);
    expect(message.startsWith("[")).toBe(false);
  });

  it("keeps plain messages and falls back otherwise", () => {
    expect(errorMessage(new TRPCError({ code: "CONFLICT", message: "Taken" }))).toBe("Taken");
    expect(errorMessage(null, "fallback")).toBe("fallback");
  });
});

describe("failure (server-action form state)", () => {
  it("puts field issues on their fields and keeps the typed values", () => {
    const state = failure(serverValidationError({ name: "" }), { name: "" });
    expect(Object.keys(state.fieldErrors ?? {})).toEqual(["name"]);
    expect(state.values).toEqual({ name: "" });
  });

  it("turns a refusal into a message and rethrows unexpected errors", () => {
    expect(failure(new TRPCError({ code: "FORBIDDEN", message: "Nope" })).error).toBe("Nope");
    expect(() => failure(new Error("bug"))).toThrow("bug");
  });
});
