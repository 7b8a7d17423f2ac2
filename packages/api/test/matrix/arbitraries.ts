// fast-check arbitraries generated from a procedure's zod 4 input schema (walking `schema._zod.def`): values the
// schema accepts (with real ids of the fuzzed organization, so valid inputs reach the services), values it must
// refuse, and hostile values anywhere in the tree. zod-fast-check, the maintained converter, supports zod 3 only.
import type { z } from "zod";
import fc from "fast-check";

/** The parts of zod 4's schema definitions this walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => {
  const def: unknown = schema._zod.def;
  return def as Def;
};

/** A chain of `depth` nested objects (and arrays), for stack-depth attacks on whatever walks the input. */
function nested(depth: number, array: boolean): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

/** An object with own prototype-ish keys (a literal `{ __proto__: x }` would set the prototype instead). */
function withOwnKeys(base: object, keys: string[], value: unknown): object {
  const copy: Record<string, unknown> = { ...base };
  for (const key of keys) {
    Object.defineProperty(copy, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return copy;
}

export const HOSTILE_STRINGS = [
  "",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFF",
  "\uDBFF\uDFFF",
  "\u202Eevil",
  "🙂".repeat(50),
  " ".repeat(300),
  "x".repeat(100_000),
  "' OR 1=1 --",
  "%00%ff",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "0190d4f0-1234-7abc-8def-0123456789ab",
  "00000000-0000-0000-0000-000000000000",
];

const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.EPSILON,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

const HOSTILE_DATES = [
  new Date(Number.NaN),
  new Date(-8.64e15),
  new Date(8.64e15),
  new Date("0000-01-01T00:00:00.000Z"),
  new Date("+275760-09-13T00:00:00.000Z"),
];

/** Hostile values of every shape, for any position. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_DATES),
  fc.constantFrom(null, undefined, true, 10n, Symbol("s")),
  fc.constant(nested(5_000, false)),
  fc.constant(nested(5_000, true)),
  fc.constant(Array.from({ length: 20_000 }, (_, i) => i)),
  fc.constant(withOwnKeys({}, ["__proto__", "constructor", "prototype"], { polluted: true })),
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withNullPrototype: true }),
);

export interface ArbitraryContext {
  /** Strings tried first for string fields: real ids, tokens and slugs of the fuzzed organization, samples. */
  samples: string[];
  /**
   * Aim for inputs the schema accepts (every key present, only accepted samples, no hostile values), so the
   * services themselves get exercised; otherwise anything goes anywhere.
   */
  valid?: boolean;
}

const SAMPLE_STRINGS = [
  "Sample text",
  "someone@example.com",
  "2026-01-15",
  "acme-corp",
  "#1d4ed8",
  "task.read",
  "project.read",
  "example.com",
  "A".repeat(43),
  "KEY",
];

function stringArbitrary(schema: z.ZodType, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  const accepted = [...ctx.samples, ...SAMPLE_STRINGS].filter((s) => schema.safeParse(s).success);
  const free = fc.string({ maxLength: 60, unit: "binary" });
  if (accepted.length === 0) return free;
  return ctx.valid ? fc.constantFrom(...accepted) : fc.oneof(fc.constantFrom(...accepted), free);
}

function isFormDataSchema(schema: z.ZodType): boolean {
  return schema.safeParse(new FormData()).success;
}

/** Sends an object the way a multipart client would: each field a string, files as files. */
function toFormData(value: unknown): FormData {
  const form = new FormData();
  if (typeof value === "object" && value !== null) {
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      // A multipart client can only send text and files; structured values arrive as some text.
      form.append(
        key,
        field instanceof File
          ? field
          : typeof field === "object" && field !== null
            ? "[object Object]"
            : String(field as string),
      );
    }
  }
  return form;
}

/** What the schema expects (usually), with a hostile value in any position some of the time. */
export function arbitraryFor(schema: z.ZodType, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  if (ctx.valid) return shaped(schema, ctx);
  return fc.oneof({ weight: 5, arbitrary: shaped(schema, ctx) }, { weight: 1, arbitrary: hostile });
}

function shaped(schema: z.ZodType, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined) => (s ? arbitraryFor(s, ctx) : fc.constant(undefined));
  switch (def.type) {
    case "string":
      return stringArbitrary(schema, ctx);
    case "number": {
      const fitting = [1, 0, 5, 20, 100, 0.5].filter((n) => schema.safeParse(n).success);
      if (ctx.valid && fitting.length > 0) return fc.constantFrom(...fitting);
      return fc.oneof(
        fc.integer({ min: -5, max: 500 }),
        fc.constantFrom(...HOSTILE_NUMBERS),
        fc.double(),
      );
    }
    case "bigint":
      return fc.bigInt();
    case "boolean":
      return fc.boolean();
    case "date":
      if (ctx.valid) {
        return fc.date({
          min: new Date("2000-01-01"),
          max: new Date("2100-01-01"),
          noInvalidDate: true,
        });
      }
      return fc.oneof(fc.date(), fc.constantFrom(...HOSTILE_DATES));
    case "enum": {
      const values = Object.values(def.entries ?? {});
      return fc.constantFrom(...values, ...(ctx.valid ? [] : ["NOT_A_MEMBER"]));
    }
    case "literal":
      return fc.constantFrom(...(def.values ?? []), ...(ctx.valid ? [] : ["not-the-literal"]));
    case "null":
      return fc.constant(null);
    case "custom":
      return fc.constantFrom(
        new File(["hello"], "notes.txt", { type: "text/plain" }),
        new File([new Uint8Array(0)], "\u0000.bin"),
        new File(["x"], "x".repeat(1_000)),
      );
    case "optional":
    case "default":
    case "prefault":
      return fc.option(inner(def.innerType), { nil: undefined });
    case "nullable":
      return fc.option(inner(def.innerType), { nil: null });
    case "readonly":
    case "catch":
    case "nonoptional":
      return inner(def.innerType);
    case "lazy":
      return def.getter ? arbitraryFor(def.getter(), ctx) : fc.constant(undefined);
    case "object": {
      const shape = Object.fromEntries(
        Object.entries(def.shape ?? {}).map(([key, child]) => [key, arbitraryFor(child, ctx)]),
      );
      if (ctx.valid) return fc.record(shape);
      // Any key may be missing; some of the time prototype keys ride along.
      return fc
        .tuple(
          fc.record(shape, { requiredKeys: [] }),
          fc.subarray(["__proto__", "constructor", "prototype", "toString"]),
        )
        .map(([record, keys]) => withOwnKeys(record, keys, { polluted: true }));
    }
    case "record":
      return fc.dictionary(fc.string({ maxLength: 20 }), inner(def.valueType), { maxKeys: 5 });
    case "array":
      if (ctx.valid) return fc.array(inner(def.element), { minLength: 1, maxLength: 3 });
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(inner(def.element), { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(inner(def.element), { minLength: 100, maxLength: 300 }) },
      );
    case "union":
      return fc.oneof(...(def.options ?? []).map((option) => arbitraryFor(option, ctx)));
    case "intersection":
      return fc
        .tuple(inner(def.left), inner(def.right))
        .map(([left, right]) =>
          typeof left === "object" && typeof right === "object" ? { ...left, ...right } : left,
        );
    case "pipe":
      if (def.in && def.out && isFormDataSchema(def.in)) {
        return arbitraryFor(def.out, ctx).map(toFormData);
      }
      return inner(def.in);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}
