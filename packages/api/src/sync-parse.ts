// tRPC validates a procedure's input and output with the schema's parseAsync, and zod 4 runs an object schema's
// compiled fast path only in a synchronous parse: a 50-task page's output parses in ~65 µs with parse() and ~210 µs
// with parseAsync() (issue 12). So every schema given to `.input()` or `.output()` of a builder derived from
// publicProcedure parses as zod's own Standard Schema `validate` does: synchronously, and with parseAsync only when
// the schema turns out to need it (an async refinement or transform) — the same checks, value and errors.
import type { z } from "zod";
import { z as zod } from "zod";

const SYNC_FIRST = Symbol("tenantry.syncFirstParse");

type Schema = z.ZodType & { [SYNC_FIRST]?: true };

/** Whether parseSyncFirst has been applied to this schema. */
export const isSyncFirst = (schema: unknown): boolean =>
  schema instanceof zod.ZodType && (schema as Schema)[SYNC_FIRST] === true;

/** Makes `schema.parseAsync` try `schema.parse` first; idempotent. Other schema objects pass through untouched. */
export function parseSyncFirst<T>(schema: T): T {
  if (!(schema instanceof zod.ZodType)) return schema;
  const target = schema as Schema;
  if (target[SYNC_FIRST]) return schema;
  const parseAsync = target.parseAsync.bind(target);
  Object.defineProperty(target, "parseAsync", {
    configurable: true,
    value: async (data: unknown, params?: z.core.ParseContext<z.core.$ZodIssue>) => {
      try {
        return target.parse(data, params);
      } catch (error) {
        // A Promise met during the synchronous parse (an async check or transform): parse again, asynchronously.
        if (error instanceof zod.core.$ZodAsyncError) return parseAsync(data, params);
        throw error;
      }
    },
  });
  Object.defineProperty(target, SYNC_FIRST, { value: true });
  return schema;
}

const isBuilder = (value: unknown): value is object =>
  typeof value === "object" &&
  value !== null &&
  "_def" in value &&
  "input" in value &&
  "output" in value &&
  typeof value.output === "function";

/**
 * The procedure builder with parseSyncFirst applied to the schemas its `.input()` and `.output()` receive, and to
 * those of every builder derived from it (`.use()`, `.meta()`, …). Only building goes through here (module load);
 * a request runs the procedures tRPC built, untouched.
 */
export function withSyncFirstParsing<B extends object>(builder: B): B {
  return new Proxy(builder, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const schemaArgs = key === "input" || key === "output" ? args.map(parseSyncFirst) : args;
        const result: unknown = Reflect.apply(value, target, schemaArgs);
        return isBuilder(result) ? withSyncFirstParsing(result) : result;
      };
    },
  });
}
