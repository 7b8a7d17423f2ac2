// A query string as a procedure's input: each parameter typed by the input's JSON Schema, since a URL carries only
// strings. Repeated or comma-separated parameters fill arrays; "true"/"false" fill booleans; numerals fill numbers.
// Anything that does not convert is passed on as the string, for the schema to refuse with a precise message.
import type { JsonSchema } from "./schemas.ts";
import { propertiesOf } from "./schemas.ts";

function typesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  const options = [schema.anyOf, schema.oneOf].find(Array.isArray) as JsonSchema[] | undefined;
  return options ? options.flatMap(typesOf) : [];
}

function scalar(value: string, schema: JsonSchema | undefined): unknown {
  const types = typesOf(schema);
  if (value === "null" && types.includes("null")) return null;
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

export function queryInput(
  params: URLSearchParams,
  input: JsonSchema | null,
): Record<string, unknown> {
  const properties = input ? propertiesOf(input) : {};
  const out: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    if (name === "org") continue; // the organization, read by the context
    const schema = properties[name];
    const values = params.getAll(name);
    if (typesOf(schema).includes("array")) {
      const items = schema?.items as JsonSchema | undefined;
      out[name] = values
        .flatMap((v) => v.split(","))
        .filter((v) => v !== "")
        .map((v) => scalar(v, items));
    } else {
      out[name] = scalar(values[values.length - 1] ?? "", schema);
    }
  }
  return out;
}
