// Defence in depth below the zod schemas: refuses any raw input holding a string PostgreSQL cannot store (NUL, a lone
// UTF-16 surrogate) anywhere — values, object keys, FormData fields and file names — before a schema parses it.
// The schemas refuse the same with a friendlier message (packages/validators/src/common.ts); this catches what a
// schema lets through unread (unknown keys, a future z.unknown()) and keeps such bytes out of logs and queries.
import { TRPCError } from "@trpc/server";
import { z } from "zod";

import { isStorableText } from "@tenantry/validators";

type Path = (string | number)[];

interface Finding {
  path: Path;
  /** The offending string is an object key (or FormData field name) at `path`, not the value there. */
  key: boolean;
}

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Where a value sits: its parent's location and its key there (paths are only built for a finding). */
interface Location {
  parent: Location | null;
  segment: string | number | null;
}

function pathOf(location: Location): Path {
  const path: Path = [];
  for (let at: Location | null = location; at; at = at.parent) {
    if (at.segment !== null) path.push(at.segment);
  }
  return path.reverse();
}

/**
 * The first place in `input` holding an unstorable string, or null. Iterative and linear in the input's size, so
 * no nesting depth can overflow the stack or make it slow.
 */
export function findUnstorableText(input: unknown): Finding | null {
  const root: Location = { parent: null, segment: null };
  const stack: { value: unknown; at: Location }[] = [{ value: input, at: root }];
  // superjson can rebuild shared and circular references; visit each object once.
  const seen = new WeakSet<object>();
  const child = (parent: Location, segment: string | number): Location => ({ parent, segment });
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, at } = item;
    if (typeof value === "string") {
      if (!isStorableText(value)) return { path: pathOf(at), key: false };
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    // Entries of a keyed container; a non-string key (a Map's) is itself walked as a value.
    let entries: Iterable<[unknown, unknown]> = [];
    if (Array.isArray(value)) entries = value.entries();
    else if (value instanceof FormData) {
      // A file's name is client text too (it is stored with the attachment).
      entries = [...value.entries()].map(([key, entry]) => [
        key,
        typeof entry === "string" ? entry : entry.name,
      ]);
    } else if (value instanceof Map) entries = (value as Map<unknown, unknown>).entries();
    else if (value instanceof Set) {
      for (const entry of value as Set<unknown>) stack.push({ value: entry, at });
    } else if (isPlainObject(value)) entries = Object.entries(value);
    for (const [key, entry] of entries) {
      if (typeof key === "number") {
        stack.push({ value: entry, at: child(at, key) });
      } else if (typeof key === "string") {
        if (!isStorableText(key)) return { path: pathOf(at), key: true };
        stack.push({ value: entry, at: child(at, key) });
      } else {
        stack.push({ value: key, at }, { value: entry, at });
      }
    }
  }
  return null;
}

const MESSAGE = "contains characters that cannot be stored (NUL or an invalid UTF-16 sequence)";

/**
 * Base-procedure middleware: BAD_REQUEST with a field error (the zodError shape the error formatter attaches) at
 * the offending path, before any schema or handler sees the input.
 */
export async function inputGuard<Result>(opts: {
  getRawInput: () => Promise<unknown>;
  next: () => Promise<Result>;
}): Promise<Result> {
  const finding = findUnstorableText(await opts.getRawInput());
  if (finding) {
    const message = finding.key ? `A field name ${MESSAGE}` : `This field ${MESSAGE}`;
    throw new TRPCError({
      code: "BAD_REQUEST",
      message,
      // ZodRealError (an Error) so tRPC keeps it as the cause, as the domain error mapping in public-errors.ts does.
      cause: new z.ZodRealError([
        { code: "custom", path: finding.path, message, input: undefined },
      ]),
    });
  }
  return opts.next();
}
