// The cross-tenant matrix, generated from the router: every procedure, called by the owner of organization B with
// B's header, with none, and with A's id and slug in it, with inputs naming A's objects (and B's objects mixed with
// A's), by every kind of credential. A call naming A must end in NOT_FOUND, FORBIDDEN or UNAUTHORIZED, or answer
// exactly as it does for ids that exist nowhere (judge.ts); no answer names A; afterwards A's rows are unchanged.
import { beforeAll, describe, expect, it } from "vitest";

import type { World } from "./factory.ts";
import { appRouter } from "../../src/index.ts";
import { CALLER_KINDS, callPath, procedureEntries } from "./callers.ts";
import { createWorld, needlesOf } from "./factory.ts";
import { inputCases, INPUTS } from "./inputs.ts";
import { inputText, judge } from "./judge.ts";
import { tenantDigest } from "./tenant-state.ts";

const procedures = procedureEntries(appRouter);

describe("cross-tenant matrix", () => {
  let a: World;
  beforeAll(async () => {
    a = await createWorld("Victim");
  });

  it("has an input builder for every procedure, and none for a procedure that does not exist", () => {
    const paths = procedures.map((p) => p.path).sort();
    expect(
      paths.filter((path) => !INPUTS[path]),
      "procedures without a builder",
    ).toEqual([]);
    expect(
      Object.keys(INPUTS)
        .filter((path) => !paths.includes(path))
        .sort(),
    ).toEqual([]);
  });

  describe.each(CALLER_KINDS)("as $name", (kind) => {
    // Each test owns its B, and none may change A, so they run concurrently (the time is spent waiting on the database).
    it.concurrent.each(procedures)("$path", async ({ path, type, permission }) => {
      const b = await createWorld("Attacker");
      const callerFor = await kind.signIn(b.members.OWNER.user);
      const cases = inputCases(path, a, b);
      expect(cases, `${path} has no input builder in test/matrix/inputs.ts`).not.toBeNull();
      const before = await tenantDigest(a);
      const problems: string[] = [];
      // A's header first: B-header calls may change B itself (archive it, say), never A. No header at all means
      // B's default organization (the session's active one, else the oldest membership).
      for (const header of [a.org.id, a.org.slug, b.org.id, null]) {
        for (const { input, expect: expectation } of cases ?? []) {
          const outcome = await callPath(callerFor(header), path, input);
          const problem = await judge(
            needlesOf(a),
            {
              path,
              type,
              orgScoped: permission !== undefined,
              headerIsA: header === a.org.id || header === a.org.slug,
              input,
              expectation,
            },
            outcome,
            (probe) => callPath(callerFor(header), path, probe),
          );
          if (problem)
            problems.push(`header ${String(header)}, input ${inputText(input)}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
      expect(await tenantDigest(a), "A's rows changed").toEqual(before);
    });
  });
});
