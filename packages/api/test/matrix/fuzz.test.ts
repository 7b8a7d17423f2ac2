// Property-based fuzzing of every procedure: inputs generated from its zod schema (valid ones with real ids, invalid
// and hostile ones: NUL bytes, lone surrogates, extreme dates and numbers, huge strings and arrays, deep nesting,
// prototype keys), sent by the owner of a freshly built organization. No call may end in INTERNAL_SERVER_ERROR, no
// other organization's rows may change, and no row may reference another organization's row afterwards.
// The seed is fixed; a failure prints it with the counterexample's path, which `fc.assert(..., { seed, path })`
// replays.
import type { z } from "zod";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

import type { World } from "./factory.ts";
import { appRouter, createCaller, createInnerTRPCContext } from "../../src/index.ts";
import { db, makePlatformAdmin } from "../fixtures.ts";
import { arbitraryFor, hostile, HOSTILE_STRINGS } from "./arbitraries.ts";
import { CALLER_KINDS, callPath, toJson } from "./callers.ts";
import { createWorld } from "./factory.ts";
import { inputCases } from "./inputs.ts";
import { crossTenantReferences, tenantDigest } from "./tenant-state.ts";

const SEED = 20_261_202;
/** Per procedure; about 100 procedures, so this bounds the file to a few thousand calls. */
const NUM_RUNS = 20;

interface ProcedureDef {
  _def: { inputs: z.ZodType[] };
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDef>,
).map(([path, p]) => ({ path, schema: p._def.inputs[0] }));
const [session] = CALLER_KINDS;

/** Real strings of the world, so generated inputs hit its rows and not only validation. */
function samplesOf(w: World): string[] {
  return [
    ...w.ids,
    w.org.slug,
    w.org.name,
    w.invitation.token,
    w.invitation.email,
    w.members.OWNER.user.email,
  ];
}

/** Short text for a failure report (huge generated values would drown it). */
const preview = (value: unknown) => {
  const text = value instanceof FormData ? toJson([...value.keys()]) : toJson(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

describe("fuzzing every procedure", () => {
  let bystander: World;
  beforeAll(async () => {
    bystander = await createWorld("Bystander");
  });

  it.concurrent.each(procedures)("$path", async ({ path, schema }) => {
    expect(session).toBeDefined();
    if (!session) return;
    const w = await createWorld("Fuzzed");
    // The platform console is fuzzed as a platform admin, or it would only ever answer FORBIDDEN.
    if (path.startsWith("admin.") || path.startsWith("auth.admin.")) {
      await makePlatformAdmin(w.members.OWNER.user);
    }
    const callerFor = await session.signIn(w.members.OWNER.user);
    const before = await tenantDigest(bystander);
    const samples = samplesOf(w);
    // Aimed at the services (the matrices' known-good inputs, inputs the schema accepts), and at validation and
    // everything around it (anything, anywhere).
    const known = (inputCases(path, w, w) ?? []).map((c) => c.input);
    const generated = schema
      ? [
          arbitraryFor(schema, { samples, valid: true }),
          arbitraryFor(schema, { samples }),
          arbitraryFor(schema, { samples }),
        ]
      : [hostile];
    const input = fc.oneof(...(known.length > 0 ? [fc.constantFrom(...known)] : []), ...generated);
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const outcome = await callPath(callerFor(w.org.id), path, value);
        if (!outcome.ok && outcome.code === "INTERNAL_SERVER_ERROR") {
          throw new Error(`${path} answered INTERNAL_SERVER_ERROR for ${preview(value)}`, {
            cause: outcome.error,
          });
        }
        if (!outcome.ok && outcome.code === "NOT_A_TRPC_ERROR") {
          throw new Error(`${path} threw outside tRPC: ${outcome.message}`);
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
    );
    expect(await tenantDigest(bystander), "another organization's rows changed").toEqual(before);
  });

  // The organization a call names (header, or the /o/<slug> path of a page) is client input too.
  it("answers any organization name with a refusal, never an internal error", async () => {
    expect(session).toBeDefined();
    if (!session) return;
    const w = await createWorld("Named");
    const callerFor = await session.signIn(w.members.OWNER.user);
    const names = fc.oneof(
      fc.constantFrom(w.org.slug, w.org.id, w.org.slug.toUpperCase(), bystander.org.slug),
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.string({ maxLength: 60, unit: "binary" }),
    );
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        for (const path of ["organization.current", "project.list"]) {
          const outcome = await callPath(
            callerFor(name),
            path,
            path === "project.list" ? {} : undefined,
          );
          if (outcome.ok) {
            expect([w.org.slug, w.org.id]).toContain(name);
          } else {
            expect(outcome.code, `${path} with organization ${preview(name)}`).toBe("FORBIDDEN");
          }
        }
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
  });

  // So is the bearer token: anything that is not a live access token is UNAUTHORIZED, whatever its bytes.
  it("answers any forged bearer token with UNAUTHORIZED", async () => {
    const tokens = fc.oneof(
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.string({ maxLength: 200, unit: "binary" }),
      fc
        .tuple(fc.base64String(), fc.base64String(), fc.base64String())
        .map((parts) => parts.join(".")),
    );
    await fc.assert(
      fc.asyncProperty(tokens, async (token) => {
        const caller = createCaller(
          createInnerTRPCContext({ db, session: null, bearerToken: token }),
        );
        const outcome = await callPath(caller, "account.me", undefined);
        // An empty token is no token: then it is the missing sign-in that answers UNAUTHORIZED.
        expect(outcome.ok ? "ok" : outcome.code, `token ${preview(token)}`).toBe("UNAUTHORIZED");
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
  });

  it("leaves no row referencing another organization's row", async () => {
    expect(await crossTenantReferences()).toEqual([]);
  });
});
