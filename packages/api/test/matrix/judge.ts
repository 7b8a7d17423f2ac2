// Judges one matrix call: what it may answer, given the strings (ids, names) of a target the caller must not reach.
import { newId } from "@tenantry/db";

import type { Outcome } from "./callers.ts";
import type { InputCase } from "./inputs.ts";
import { serialized, toJson } from "./callers.ts";
import { leaksOf } from "./factory.ts";

const DENIED = new Set(["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The text of an input as it reaches the server (FormData by its fields). */
export function inputText(input: unknown): string {
  if (input instanceof FormData) {
    return JSON.stringify(
      [...input.entries()].map(([k, v]) => [k, typeof v === "string" ? v : v.name]),
    );
  }
  return toJson(input);
}

/** `input` with every needle (ids, slug, marker) swapped for a value that exists nowhere. */
export function withoutSecrets(
  needles: string[],
  input: unknown,
): { input: unknown; swaps: Map<string, string> } {
  const swaps = new Map<string, string>();
  const swap = (text: string) => {
    let out = text;
    for (const needle of leaksOf(needles, text)) {
      if (!swaps.has(needle))
        swaps.set(needle, UUID.test(needle) ? newId() : `nowhere${swaps.size}`);
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

export interface Call {
  path: string;
  type: string;
  orgScoped: boolean;
  /** The organization header names the target (cross-tenant only): every org procedure must refuse then. */
  headerIsA: boolean;
  input: unknown;
  expectation: InputCase["expect"];
}

/**
 * What is wrong with one outcome, or null when it is what the matrix demands. A call that names a needle must be
 * denied, or answer exactly as it does when every needle is replaced by an id that exists nowhere (an empty filtered
 * list, "Unknown tag"): then the answer tells nothing about the target, not even that its objects exist.
 */
export async function judge(
  needles: string[],
  call: Call,
  outcome: Outcome,
  retry: (input: unknown) => Promise<Outcome>,
) {
  const echoed = new Set(leaksOf(needles, inputText(call.input)));
  const leaks = leaksOf(needles, serialized(outcome)).filter((needle) => !echoed.has(needle));
  if (leaks.length > 0 && call.expectation !== "capability") {
    return `answer names the target (${leaks.join(", ")})`;
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
  const probe = withoutSecrets(needles, call.input);
  const expected = comparable(await retry(probe.input), probe.swaps);
  const actual = comparable(outcome);
  return actual === expected
    ? null
    : `ended in ${actual}, but with ids that exist nowhere in ${expected}`;
}
