// Guards the input design: every procedure's input refuses what PostgreSQL cannot take, in validation, with a field
// error at the offending field. The test walks each procedure's zod input schema, builds a sample input (every
// optional field present, every union option tried), and for each string, date and number in it checks that the
// sample value is accepted there while the same value with a NUL or a lone surrogate (strings), year 0 or year
// 275760 (dates), or a value beyond PostgreSQL's INT (numbers) is refused at that very path. A procedure added with
// a bare z.string(), z.date(), z.number() or z.unknown() fails here.
import type { z } from "zod";
import { describe, expect, it } from "vitest";

import { appRouter } from "./root.ts";

type Path = (string | number)[];
type Kind = "string" | "isoDate" | "date" | "number";

interface Leaf {
  path: Path;
  kind: Kind;
}

interface Variant {
  value: unknown;
  leaves: Leaf[];
}

/** The parts of zod 4's schema definitions this walk reads (`schema._zod.def`). */
interface Def {
  type: string;
  format?: string;
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
}

function defOf(schema: z.ZodType): Def {
  const def: unknown = schema._zod.def;
  return def as Def;
}

const UUID = "0190d4f0-1234-7abc-8def-0123456789ab";
/** Values tried in order until the field accepts one; extend when a new field format needs its own. */
const STRING_SAMPLES = [
  "Sample text",
  UUID,
  "someone@example.com",
  "2026-01-15",
  "acme",
  "#1d4ed8",
  "task.read",
  "example.com",
  "A".repeat(43),
  `${UUID}.${UUID}.${"A".repeat(43)}`,
  "203.0.113.0/24",
  "2001:db8::/32",
  "203.0.113.7",
  "2001:db8::1",
  "https://hooks.example.com/tenantry",
  "Europe/Berlin",
  "",
];
const NUMBER_SAMPLES = [1, 0, 20, 0.5];
const SAMPLE_DATE = new Date("2026-01-15T12:00:00.000Z");

const PROBES: Record<Kind, { label: string; make: (sample: unknown) => unknown }[]> = {
  string: [
    { label: "NUL", make: (s) => replaceMiddle(String(s), "\u0000") },
    { label: "lone high surrogate", make: (s) => replaceMiddle(String(s), "\uD800") },
    { label: "lone low surrogate at the end", make: (s) => `${String(s).slice(0, -1)}\uDFFF` },
  ],
  isoDate: [
    { label: "year 0", make: () => "0000-01-01" },
    { label: "year 275760", make: () => "275760-09-13" },
  ],
  date: [
    { label: "year 0", make: () => new Date("0000-01-01T00:00:00.000Z") },
    { label: "year 275760", make: () => new Date("+275760-09-13T00:00:00.000Z") },
  ],
  number: [
    { label: "2^31", make: () => 2 ** 31 },
    { label: "-2^31 - 1", make: () => -(2 ** 31) - 1 },
  ],
};

/** Same length, so a length limit cannot be what refuses the probe. */
function replaceMiddle(value: string, probe: string): string {
  if (value.length === 0) return probe;
  const at = Math.floor(value.length / 2);
  return value.slice(0, at) + probe + value.slice(at + 1);
}

function firstAccepted<T>(schema: z.ZodType, samples: T[], path: Path): T {
  const found = samples.find((sample) => schema.safeParse(sample).success);
  if (found === undefined) {
    throw new Error(`no sample value fits the field at ${pathLabel(path)}: extend the samples`);
  }
  return found;
}

const pathLabel = (path: Path) => (path.length === 0 ? "(root)" : path.join("."));

function isFormDataSchema(schema: z.ZodType): boolean {
  return schema.safeParse(new FormData()).success;
}

/** Combines per-key variants without a cartesian product: variant i takes each key's i-th (or last) variant. */
function combine(parts: { key: string | number; variants: Variant[] }[]): Variant[] {
  const count = Math.max(1, ...parts.map((p) => p.variants.length));
  return Array.from({ length: count }, (_, i) => {
    const value: Record<string, unknown> = {};
    const leaves: Leaf[] = [];
    for (const part of parts) {
      const variant = part.variants[Math.min(i, part.variants.length - 1)];
      if (!variant) continue;
      value[part.key] = variant.value;
      leaves.push(...variant.leaves);
    }
    return { value, leaves };
  });
}

function leaf(path: Path, kind: Kind, value: unknown, extra: Leaf[] = []): Variant[] {
  return [{ value, leaves: [{ path, kind }, ...extra] }];
}

/** Sample inputs for `schema` at `path`, with the string/date/number fields they contain. */
function variants(schema: z.ZodType, path: Path): Variant[] {
  const def = defOf(schema);
  switch (def.type) {
    case "string": {
      const value = firstAccepted(schema, STRING_SAMPLES, path);
      const dateFormat = def.format === "date";
      return leaf(path, "string", value, dateFormat ? [{ path, kind: "isoDate" }] : []);
    }
    case "any":
    case "unknown":
      // Accepts anything: the probes must then be refused, which fails the test unless the field is replaced.
      return leaf(path, "string", "Sample text");
    case "date":
      return leaf(path, "date", firstAccepted(schema, [SAMPLE_DATE], path));
    case "number":
      return leaf(path, "number", firstAccepted(schema, NUMBER_SAMPLES, path));
    case "boolean":
      return [{ value: true, leaves: [] }];
    case "enum":
      return [{ value: Object.values(def.entries ?? {})[0], leaves: [] }];
    case "literal":
      return [{ value: def.values?.[0], leaves: [] }];
    case "null":
      return [{ value: null, leaves: [] }];
    case "custom":
      return [
        {
          value: firstAccepted(schema, [new File(["x"], "notes.txt"), new FormData()], path),
          leaves: [],
        },
      ];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return def.innerType ? variants(def.innerType, path) : [];
    case "lazy":
      return def.getter ? variants(def.getter(), path) : [];
    case "object":
      return combine(
        Object.entries(def.shape ?? {}).map(([key, child]) => ({
          key,
          variants: variants(child, [...path, key]),
        })),
      );
    case "array":
      return (def.element ? variants(def.element, [...path, 0]) : []).map((v) => ({
        value: [v.value],
        leaves: v.leaves,
      }));
    case "union":
      return (def.options ?? []).flatMap((option) => variants(option, path));
    case "intersection": {
      const left = def.left ? variants(def.left, path) : [];
      const right = def.right ? variants(def.right, path) : [];
      return combine([
        { key: "left", variants: left },
        { key: "right", variants: right },
      ]).map((v) => {
        const parts = v.value as { left?: object; right?: object };
        return { value: { ...parts.left, ...parts.right }, leaves: v.leaves };
      });
    }
    case "pipe": {
      if (!def.in || !def.out) return [];
      // A string refined into a format (z.string().max(254).pipe(z.email())): one field, sampled whole.
      if (defOf(def.in).type === "string") {
        const value = firstAccepted(schema, STRING_SAMPLES, path);
        return leaf(
          path,
          "string",
          value,
          defOf(def.out).format === "date" ? [{ path, kind: "isoDate" }] : [],
        );
      }
      // Multipart input (FormData -> object): sample the object, send it as FormData.
      if (isFormDataSchema(def.in)) return variants(def.out, path).map(asFormData);
      return variants(def.in, path);
    }
    default:
      throw new Error(
        `${pathLabel(path)}: schema type "${def.type}" is not handled by this test: extend it`,
      );
  }
}

const FORM_DATA = Symbol("form-data");

function asFormData(variant: Variant): Variant {
  return { value: { [FORM_DATA]: true, fields: variant.value }, leaves: variant.leaves };
}

/** The input as sent: FormData where the schema expects multipart. */
function encode(value: unknown): unknown {
  if (typeof value === "object" && value !== null && FORM_DATA in value && "fields" in value) {
    const form = new FormData();
    for (const [key, field] of Object.entries(value.fields as Record<string, unknown>)) {
      form.append(key, field instanceof File ? field : String(field));
    }
    return form;
  }
  return value;
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (typeof value === "object" && value !== null && FORM_DATA in value && "fields" in value) {
    return { [FORM_DATA]: true, fields: setAt(value.fields, path, replacement) };
  }
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    copy[Number(head)] = setAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const record = value as Record<string, unknown>;
  return { ...record, [head]: setAt(record[head], rest, replacement) };
}

const samePath = (a: readonly PropertyKey[], b: Path) =>
  a.length === b.length && a.every((segment, i) => segment === b[i]);

function issuesAt(schema: z.ZodType, input: unknown, path: Path) {
  const result = schema.safeParse(encode(input));
  return result.success ? [] : result.error.issues.filter((issue) => samePath(issue.path, path));
}

interface ProcedureDef {
  _def: { inputs: z.ZodType[] };
}

// _def.procedures is the flat "path -> procedure" map tRPC builds for routing.
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDef>,
).filter(([, procedure]) => procedure._def.inputs.length > 0);

describe("procedure inputs refuse what PostgreSQL cannot store", () => {
  it("finds the procedures with input and their fields", () => {
    expect(procedures.length).toBeGreaterThan(60);
    const leaves = procedures.flatMap(([, p]) =>
      p._def.inputs.flatMap((schema) => variants(schema, []).flatMap((v) => v.leaves)),
    );
    // Every kind of field occurs somewhere, so each probe really runs.
    for (const kind of ["string", "isoDate", "date", "number"] as const) {
      expect(leaves.filter((l) => l.kind === kind).length, kind).toBeGreaterThan(0);
    }
  });

  it.each(procedures)("%s", (path, procedure) => {
    const problems: string[] = [];
    for (const schema of procedure._def.inputs) {
      for (const variant of variants(schema, [])) {
        for (const field of variant.leaves) {
          const at = pathLabel(field.path);
          const base = issuesAt(schema, variant.value, field.path);
          if (base.length > 0) {
            problems.push(
              `${at}: the sample value is refused (${base[0]?.message}); fix the samples`,
            );
            continue;
          }
          const sample = getAt(variant.value, field.path);
          for (const probe of PROBES[field.kind]) {
            const mutated = setAt(variant.value, field.path, probe.make(sample));
            if (issuesAt(schema, mutated, field.path).length === 0) {
              problems.push(`${at} accepts ${probe.label}`);
            }
          }
        }
      }
    }
    expect(
      problems,
      `${path}: every field must be built from the safe primitives of @tenantry/validators`,
    ).toEqual([]);
  });
});

function getAt(value: unknown, path: Path): unknown {
  let current: unknown =
    typeof value === "object" && value !== null && FORM_DATA in value && "fields" in value
      ? value.fields
      : value;
  for (const segment of path) {
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
