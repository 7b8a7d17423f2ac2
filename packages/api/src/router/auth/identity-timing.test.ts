// Sign-up, password reset and verification resend do the same work and answer at the same time whether or not the
// address is registered. Timing is asserted only as a lower bound here (every answer waits the full fixed budget,
// which no load can break); the distributions of both paths are compared in bench/src/identity-timing.bench.ts.
import { describe, expect, it } from "vitest";

import { env } from "@tenantry/core/env";

import { admin } from "../../../test/fixtures.ts";
import {
  anonymousCaller,
  createPasswordUser,
  outbox,
  PASSWORD,
  uniqueEmail,
} from "../../../test/identity-fixtures.ts";

const EARLY = 5;

async function elapsed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

describe("identity answers in fixed time", () => {
  it("has a budget", () => {
    expect(env.AUTH_IDENTITY_RESPONSE_MS).toBeGreaterThan(0);
  });

  it("password reset: both paths wait the budget; only the registered address gets mail", async () => {
    const known = await createPasswordUser();
    const unknown = uniqueEmail("ghost");
    for (const email of [known.email, unknown]) {
      const ms = await elapsed(() => anonymousCaller().auth.requestPasswordReset({ email }));
      expect(ms).toBeGreaterThanOrEqual(env.AUTH_IDENTITY_RESPONSE_MS - EARLY);
    }
    expect(await outbox(known.email)).toHaveLength(1);
    expect(await outbox(unknown)).toHaveLength(0);
  });

  it("sign-up: a registered and a new address both wait the budget after the password hash", async () => {
    const known = await createPasswordUser();
    const fresh = uniqueEmail("new");
    for (const email of [known.email, fresh]) {
      const ms = await elapsed(() =>
        anonymousCaller().auth.signUp({
          email,
          name: "Timing",
          password: PASSWORD,
          organizationName: "Timing Org",
        }),
      );
      expect(ms).toBeGreaterThanOrEqual(env.AUTH_IDENTITY_RESPONSE_MS - EARLY);
    }
    expect((await outbox(known.email)).map((m) => m.subject)).toEqual([
      "You already have a Tenantry account",
    ]);
    expect((await outbox(fresh)).map((m) => m.subject)).toEqual([
      "Verify your email address for Tenantry",
    ]);
  });

  it("resend verification: an unverified and an unknown address both wait the budget", async () => {
    const unverified = await createPasswordUser({ verified: false });
    const unknown = uniqueEmail("ghost");
    for (const email of [unverified.email, unknown]) {
      const ms = await elapsed(() => anonymousCaller().auth.resendVerification({ email }));
      expect(ms).toBeGreaterThanOrEqual(env.AUTH_IDENTITY_RESPONSE_MS - EARLY);
    }
    expect(await outbox(unverified.email)).toHaveLength(1);
    expect(await outbox(unknown)).toHaveLength(0);
  });

  it("consumes the per-address mail limit for unknown addresses too (the same work on both paths)", async () => {
    const email = uniqueEmail("later");
    // More requests than the per-address mail limit allows (5 an hour with Redis, 3 without), from fresh IPs.
    for (let i = 0; i < 6; i++) await anonymousCaller().auth.requestPasswordReset({ email });
    // The address registers now: its limit is already used up by the requests made while it was unknown.
    const { rows } = await admin.query<{ n: number }>(
      `INSERT INTO users (id, email, name, email_verified, updated_at)
       VALUES (gen_random_uuid(), $1, 'Later', now(), now()) RETURNING 1 AS n`,
      [email],
    );
    expect(rows).toEqual([{ n: 1 }]);
    await anonymousCaller().auth.requestPasswordReset({ email });
    expect(await outbox(email)).toHaveLength(0);
  });
});
