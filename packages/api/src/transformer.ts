// The tRPC transformer: superjson on the wire, with a faster way to serialize outputs (issue 12). superjson walks
// every value of a response through a dozen type checks and copies the tree (a tenth of a 50-task list's CPU); the
// outputs here are plain objects, arrays, primitives and Dates, for which its envelope is known: the value itself as
// `json` (JSON.stringify writes a valid Date as its ISO string, as superjson does) and each Date's escaped path in
// `meta.values`. Anything else — undefined, Map, Set, bigint, NaN, -0, a class instance, an object met twice, a
// prototype-polluting key — goes to superjson itself, so the bytes are superjson's in every case (transformer.test.ts).
import type { SuperJSONResult } from "superjson";
import superjson from "superjson";

/** superjson's escaping of one path segment (pathstringifier.ts). */
const escapeKey = (key: string) => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** A Date's path in superjson's form: segments escaped and joined by dots. Built only for the Dates found. */
const pathOf = (segments: readonly (string | number)[]) =>
  segments
    .map((segment) => (typeof segment === "number" ? String(segment) : escapeKey(segment)))
    .join(".");

/**
 * Checks one value found at `segment` of its parent: primitives here, without a call; objects (and their paths)
 * are walked by walkObject. `segments` is the path to the parent, pushed and popped in place, so no string is built
 * for the values that are not Dates.
 */
function check(
  value: unknown,
  segments: (string | number)[],
  segment: string | number,
  dates: string[],
  seen: Set<object>,
): void {
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      // NaN, ±Infinity and -0 carry a "number" annotation.
      if (!Number.isFinite(value) || (value === 0 && 1 / value < 0)) throw UNSUPPORTED;
      return;
    case "object":
      if (value === null) return;
      segments.push(segment);
      walkObject(value, segments, dates, seen);
      segments.pop();
      return;
    default:
      // undefined (written as null with an annotation), bigint, symbol, function.
      throw UNSUPPORTED;
  }
}

/**
 * Collects the paths of the Dates under `value` in superjson's order (depth first, own enumerable keys in order);
 * throws UNSUPPORTED for whatever superjson would annotate otherwise or copy differently from JSON.stringify.
 */
function walkObject(
  value: object,
  segments: (string | number)[],
  dates: string[],
  seen: Set<object>,
): void {
  // superjson records every object met twice as a referential equality (Dates included).
  if (seen.has(value)) throw UNSUPPORTED;
  seen.add(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || segments.length === 0) throw UNSUPPORTED;
    dates.push(pathOf(segments));
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // A hole is skipped by superjson's walk and written as null by both.
      if (!(i in value)) throw UNSUPPORTED;
      check(value[i], segments, i, dates, seen);
    }
    return;
  }
  if (!isPlainObject(value)) throw UNSUPPORTED;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw UNSUPPORTED;
    check((value as Record<string, unknown>)[key], segments, key, dates, seen);
  }
}

/** superjson.serialize's result for `value`, computed without copying it when it holds only JSON values and Dates. */
export function serializeOutput(value: unknown): SuperJSONResult {
  const dates: string[] = [];
  try {
    // The root has no segment of its own (a Date there, path "", is left to superjson by walkObject).
    if (typeof value === "object" && value !== null) walkObject(value, [], dates, new Set());
    else check(value, [], "", dates, new Set());
  } catch (error) {
    if (error === UNSUPPORTED) return superjson.serialize(value);
    throw error;
  }
  if (dates.length === 0) return { json: value as SuperJSONResult["json"] };
  const values: Record<string, ["Date"]> = {};
  for (const path of dates) values[path] = ["Date"];
  return { json: value as SuperJSONResult["json"], meta: { values, v: 1 } };
}

export const transformer = {
  input: superjson,
  output: {
    serialize: serializeOutput,
    deserialize: (payload: SuperJSONResult) => superjson.deserialize(payload),
  },
};
