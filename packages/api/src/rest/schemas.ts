// The zod schemas of a route, read off the tRPC procedure it runs (the same objects tRPC validates with), and
// their JSON Schema (zod 4's z.toJSONSchema) for the OpenAPI document and for reading query strings.
import { z } from "zod";

import { ZRefreshTokenInput, ZTokenLoginInput, ZTokenPairOutput } from "@tenantry/validators";

import type { RestRoute } from "./routes.ts";
import { appRouter } from "../root.ts";
import { TOKEN_LOGIN, TOKEN_LOGOUT, TOKEN_REFRESH } from "./routes.ts";
import { streamedRoute } from "./streamed.ts";

interface ProcedureDef {
  _def: { inputs: unknown[]; output?: unknown; type: string };
}

const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef | undefined>;

const isZod = (value: unknown): value is z.ZodType => value instanceof z.ZodType;

const TOKEN_SCHEMAS: Record<string, { input: z.ZodType; output: z.ZodType | null }> = {
  [TOKEN_LOGIN]: { input: ZTokenLoginInput, output: ZTokenPairOutput },
  [TOKEN_REFRESH]: { input: ZRefreshTokenInput, output: ZTokenPairOutput },
  [TOKEN_LOGOUT]: { input: ZRefreshTokenInput, output: null },
};

export interface RouteSchemas {
  input: z.ZodType | null;
  output: z.ZodType | null;
  kind: "query" | "mutation";
}

export function routeSchemas(route: RestRoute): RouteSchemas {
  const token = TOKEN_SCHEMAS[route.procedure];
  if (token) return { ...token, kind: "mutation" };
  const procedure = procedures[route.procedure];
  if (!procedure)
    throw new Error(`REST route ${route.method} ${route.path}: no procedure ${route.procedure}`);
  const inputs = procedure._def.inputs.filter(isZod);
  const input = inputs.length === 0 ? null : inputs.reduce((a, b) => z.intersection(a, b));
  const streamed = streamedRoute(route.procedure);
  const output = streamed
    ? streamed.output
    : isZod(procedure._def.output)
      ? procedure._def.output
      : null;
  return { input, output, kind: procedure._def.type === "query" ? "query" : "mutation" };
}

export type JsonSchema = Record<string, unknown>;

/** JSON Schema of `schema`: dates as date-time strings (JSON carries them so), the rest as zod renders it. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    reused: "inline",
    override: (ctx) => {
      const def = ctx.zodSchema._zod.def;
      if (def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  });
}

/** The top-level properties of an object schema, through allOf (an intersection). */
export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const own = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]) : [];
  return Object.assign({}, ...parts.map(propertiesOf), own) as Record<string, JsonSchema>;
}
