// Examples for the OpenAPI document, generated from the same JSON Schemas it publishes (never written by hand, so an
// example cannot drift from its schema): a schema's own example, default, const or first enum value when it has
// one (zod's `.meta({ example })`), else a value of its type that keeps its bounds and format. The OpenAPI test
// validates every generated example against its schema.
import type { JsonSchema } from "./schemas.ts";

const SAMPLE_ID = "01939a4e-7c1f-7e3a-9b2d-5f6a7b8c9d0e";
const SAMPLE_TIME = "2026-12-02T09:30:00.000Z";

const FORMATS: Record<string, string> = {
  uuid: SAMPLE_ID,
  "date-time": SAMPLE_TIME,
  date: "2026-12-02",
  email: "ada@example.com",
  uri: "https://example.com/hooks/tenantry",
  url: "https://example.com/hooks/tenantry",
  ipv4: "203.0.113.7",
  cidr: "203.0.113.0/24",
};

const asSchemas = (value: unknown): JsonSchema[] =>
  Array.isArray(value) ? (value as JsonSchema[]) : [];

function stringSample(schema: JsonSchema): string {
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (format) return format;
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : 40;
  const text = typeof schema.title === "string" ? schema.title : "Example";
  return text.padEnd(min, "x").slice(0, Math.max(min, Math.min(max, text.length)));
}

function numberSample(schema: JsonSchema): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : null;
  const max = typeof schema.maximum === "number" ? schema.maximum : null;
  if (min !== null) return min;
  if (max !== null) return Math.min(max, 1);
  return 1;
}

/** A value valid for `schema`, or undefined when none can be made without guessing (an unknown pattern). */
export function exampleOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if ("example" in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("const" in schema) return schema.const;
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const anyOf = [...asSchemas(schema.anyOf), ...asSchemas(schema.oneOf)];
  for (const option of anyOf) {
    if (option.type === "null") continue;
    const value = exampleOf(option, depth + 1);
    if (value !== undefined) return value;
  }
  if (anyOf.length > 0) return null;
  const allOf = asSchemas(schema.allOf);
  if (allOf.length > 0) {
    return Object.assign(
      {},
      ...allOf.map((part) => exampleOf(part, depth + 1) as Record<string, unknown>),
    ) as unknown;
  }
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== "null");
  switch (type) {
    case "object":
      return objectSample(schema, depth);
    case "array": {
      const min = typeof schema.minItems === "number" ? schema.minItems : 0;
      const item = exampleOf(schema.items as JsonSchema | undefined, depth + 1);
      if (item === undefined) return min === 0 ? [] : undefined;
      return Array.from({ length: Math.max(min, 1) }, () => item);
    }
    case "string":
      // A known format's sample fits its pattern (zod gives ids both); an unknown pattern is not guessed at.
      if (typeof schema.format === "string" && schema.format in FORMATS)
        return stringSample(schema);
      return typeof schema.pattern === "string" ? undefined : stringSample(schema);
    case "integer":
    case "number":
      return numberSample(schema);
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return undefined;
  }
}

/** Required properties always (undefined spoils the object), optional ones when a value can be made. */
function objectSample(schema: JsonSchema, depth: number): Record<string, unknown> | undefined {
  const properties = { ...((schema.properties ?? {}) as Record<string, JsonSchema>) };
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const out: Record<string, unknown> = {};
  // A record over an enum (z.record(ZTaskStatus, ...)) lists its keys as required, its values as additionalProperties.
  const rest =
    typeof schema.additionalProperties === "object"
      ? (schema.additionalProperties as JsonSchema)
      : undefined;
  for (const name of required) {
    if (!(name in properties) && rest) properties[name] = rest;
  }
  for (const [name, property] of Object.entries(properties)) {
    const value = exampleOf(property, depth + 1);
    if (value === undefined) {
      if (required.has(name)) return undefined;
      continue;
    }
    out[name] = value;
  }
  return out;
}

/** `{ example }` for a media type object when one can be made, else nothing. */
export function exampleField(schema: JsonSchema): { example?: unknown } {
  const example = exampleOf(schema);
  return example === undefined ? {} : { example };
}
