// Test fixtures of the API: the core's (fresh users and organizations per test) plus callers running the real
// tRPC middleware chain.
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

import type { AuthSession } from "@tenantry/auth";
import type { TestUser } from "@tenantry/core/testing";
import { db } from "@tenantry/core/testing";

import { createCaller, createInnerTRPCContext } from "../src/index.ts";

export * from "@tenantry/core/testing";

export function sessionOf(user: TestUser): AuthSession {
  return { user: { id: user.id, email: user.email, name: user.name } };
}

/** A caller running the real middleware chain, as `user` (or anonymous) acting in `organization`. */
export function callerAs(user: TestUser | null, organization: string | null = null) {
  return createCaller(
    createInnerTRPCContext({ db, session: user ? sessionOf(user) : null, organization }),
  );
}

/** Awaits a call that must fail with a tRPC error of `code`; returns the error for message assertions. */
export async function expectTRPCError(
  promise: Promise<unknown>,
  code: TRPCError["code"],
): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}
