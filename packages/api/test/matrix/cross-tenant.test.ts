// The cross-tenant matrix, generated from the router: every procedure, called by the owner of organization B with
// B's header and with A's id and slug in it, with inputs naming A's objects (and B's objects mixed with A's), by
// every kind of credential. A call naming A must end in NOT_FOUND, FORBIDDEN or UNAUTHORIZED; any other call may
// succeed but must not name A; and afterwards A's rows are exactly as they were.
import { beforeAll, describe, expect, it } from "vitest";

import { newId } from "@tenantry/db";

import type { Outcome } from "./callers.ts";
import type { World } from "./factory.ts";
import type { InputCase } from "./inputs.ts";
import { appRouter } from "../../src/index.ts";
import { CALLER_KINDS, callPath, procedureEntries, serialized, toJson } from "./callers.ts";
import { createWorld, leaksOf } from "./factory.ts";
import { inputCases, INPUTS } from "./inputs.ts";
import { tenantDigest } from "./tenant-state.ts";

const procedures = procedureEntries(appRouter);
const DENIED = new Set(["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED"]);

/** The text of an input as it reaches the server (FormData by its fields). */
function inputText(input: unknown): string {
  if (input instanceof FormData) {
    return JSON.stringify(
      [...input.entries()].map(([k, v]) => [k, typeof v === "string" ? v : v.name]),
    );
  }
  return toJson(input);
}

/** `input` with every mention of A (ids, slug, marker) swapped for a value that exists nowhere. */
function withoutA(a: World, input: unknown): { input: unknown; swaps: Map<string, string> } {
  const swaps = new Map<string, string>();
  const swap = (text: string) => {
    let out = text;
    for (const needle of leaksOf(a, text)) {
      if (!swaps.has(needle)) {
        swaps.set(
          needle,
          needle === a.marker
            ? `zx${needle.slice(2)}`
            : needle === a.org.slug
              ? `${needle}x`
              : newId(),
        );
      }
      out = out.replaceAll(needle, swaps.get(needle) ?? needle);
    }
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return swap(value);
    if (value instanceof FormData) {
      const form = new FormData();
      for (const [k, v] of value.entries()) form.append(k, typeof v === "string" ? swap(v) : v);
      return form;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return { input: walk(input), swaps };
}

/** An outcome as comparable text: the answer or the error, with the probe's stand-ins put back. */
function comparable(outcome: Outcome, swaps = new Map<string, string>()): string {
  let text = `${outcome.ok ? "ok" : outcome.code}:${serialized(outcome)}`;
  for (const [original, standIn] of swaps) text = text.replaceAll(standIn, original);
  return text;
}

interface Call {
  path: string;
  type: string;
  orgScoped: boolean;
  headerIsA: boolean;
  input: unknown;
  expectation: InputCase["expect"];
}

/**
 * What is wrong with one outcome, or null when it is what the matrix demands. A call that names A must be denied,
 * or answer exactly as it does when every mention of A is replaced by an id that exists nowhere (an empty filtered
 * list, "Unknown tag"): then the answer tells nothing about A, not even that its objects exist.
 */
async function judge(
  a: World,
  call: Call,
  outcome: Outcome,
  retry: (input: unknown) => Promise<Outcome>,
) {
  const echoed = new Set(leaksOf(a, inputText(call.input)));
  const leaks = leaksOf(a, serialized(outcome)).filter((needle) => !echoed.has(needle));
  if (leaks.length > 0 && call.expectation !== "capability") {
    return `answer names A (${leaks.join(", ")})`;
  }
  if (
    !outcome.ok &&
    (outcome.code === "INTERNAL_SERVER_ERROR" || outcome.code === "NOT_A_TRPC_ERROR")
  ) {
    return `failed with ${outcome.code}: ${outcome.message}`;
  }
  if (call.expectation === "capability") {
    return call.type === "mutation" && outcome.ok ? "succeeded" : null;
  }
  const namesA = echoed.size > 0;
  const mustBeDenied =
    (call.orgScoped && call.headerIsA) || (namesA && call.expectation !== "no-leak");
  if (!mustBeDenied) return null;
  if (!outcome.ok && DENIED.has(outcome.code)) return null;
  if (call.orgScoped && call.headerIsA) return `ended in ${comparable(outcome)}`;
  const probe = withoutA(a, call.input);
  const expected = comparable(await retry(probe.input), probe.swaps);
  const actual = comparable(outcome);
  return actual === expected
    ? null
    : `ended in ${actual}, but with ids that exist nowhere in ${expected}`;
}

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
    it.each(procedures)("$path", async ({ path, type, permission }) => {
      const b = await createWorld("Attacker");
      const callerFor = await kind.signIn(b.members.OWNER.user);
      const cases = inputCases(path, a, b);
      expect(cases, `${path} has no input builder in test/matrix/inputs.ts`).not.toBeNull();
      const before = await tenantDigest(a);
      const problems: string[] = [];
      // A's header first: B-header calls may change B itself (archive it, say), never A.
      for (const header of [a.org.id, a.org.slug, b.org.id]) {
        for (const { input, expect: expectation } of cases ?? []) {
          const outcome = await callPath(callerFor(header), path, input);
          const problem = await judge(
            a,
            {
              path,
              type,
              orgScoped: permission !== undefined,
              headerIsA: header !== b.org.id,
              input,
              expectation,
            },
            outcome,
            (probe) => callPath(callerFor(header), path, probe),
          );
          if (problem) problems.push(`header ${header}, input ${inputText(input)}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
      expect(await tenantDigest(a), "A's rows changed").toEqual(before);
    });
  });
});
