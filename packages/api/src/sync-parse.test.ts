// Schemas parsed synchronously first (sync-parse.ts): the same value, the same errors and the same strictness as
// zod's parseAsync, the asynchronous parse still there for schemas that need it, and every procedure of the app's
// router built with it — through the real middleware chain of publicProcedure.
import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { db, expectTRPCError } from "../test/fixtures.ts";
import { appRouter, createInnerTRPCContext } from "./index.ts";
import { isSyncFirst, parseSyncFirst } from "./sync-parse.ts";
import { createCallerFactory, createTRPCRouter, publicProcedure } from "./trpc.ts";

const issuesOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(z.ZodError);
  return (error as z.ZodError).issues;
};

describe("parseSyncFirst", () => {
  it("answers what parseAsync answers, values and errors alike, through parse()", async () => {
    const make = () =>
      z.object({ id: z.uuid(), at: z.date(), tags: z.array(z.string().max(3)) }).strict();
    const plain = make();
    const fast = parseSyncFirst(make());
    const parse = vi.spyOn(fast, "parse");
    const value = { id: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f", at: new Date(0), tags: ["a"] };
    await expect(fast.parseAsync(value)).resolves.toEqual(await plain.parseAsync(value));
    const bad = { id: "x", at: "2020", tags: ["long"], extra: 1 };
    expect(await issuesOf(fast.parseAsync(bad))).toEqual(await issuesOf(plain.parseAsync(bad)));
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it("falls back to the asynchronous parse for an async check or transform", async () => {
    const schema = parseSyncFirst(
      z
        .string()
        .refine(async (s) => Promise.resolve(s !== "taken"), { message: "taken" })
        .transform(async (s) => Promise.resolve(s.toUpperCase())),
    );
    await expect(schema.parseAsync("free")).resolves.toBe("FREE");
    expect((await issuesOf(schema.parseAsync("taken")))[0]?.message).toBe("taken");
    expect(() => schema.parse("free")).toThrow();
  });

  it("is idempotent and leaves what is not a zod schema alone", async () => {
    const schema = z.number();
    expect(parseSyncFirst(parseSyncFirst(schema))).toBe(schema);
    expect(isSyncFirst(schema)).toBe(true);
    await expect(schema.parseAsync(1)).resolves.toBe(1);
    const fn = (v: unknown) => v;
    expect(parseSyncFirst(fn)).toBe(fn);
    expect(isSyncFirst(fn)).toBe(false);
  });
});

describe("procedures built from publicProcedure", () => {
  const router = createTRPCRouter({
    echo: publicProcedure
      .input(z.object({ n: z.number().int() }))
      .output(z.object({ n: z.number().max(10) }))
      .query(({ input }) => ({ n: input.n, secret: "not declared" })),
    slow: publicProcedure
      .output(z.string().refine(async (s) => Promise.resolve(s === "ok")))
      .query(() => "not ok"),
  });
  const caller = createCallerFactory(router)(createInnerTRPCContext({ db, session: null }));

  it("validate input and output as strictly as before: undeclared keys stripped, refusals refused", async () => {
    await expect(caller.echo({ n: 3 })).resolves.toEqual({ n: 3 });
    await expectTRPCError(caller.echo({ n: 1.5 }), "BAD_REQUEST");
    const failed = await expectTRPCError(caller.echo({ n: 11 }), "INTERNAL_SERVER_ERROR");
    expect(failed).toBeInstanceOf(TRPCError);
    await expectTRPCError(caller.slow(), "INTERNAL_SERVER_ERROR");
  });

  it("cover every procedure of the app: each zod input and output parses synchronously first", () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { inputs: unknown[]; output?: unknown } }
    >;
    const slow = Object.entries(procedures).flatMap(([path, { _def }]) =>
      [..._def.inputs, _def.output]
        .filter((schema) => schema instanceof z.ZodType && !isSyncFirst(schema))
        .map(() => path),
    );
    expect(Object.keys(procedures).length).toBeGreaterThan(100);
    expect(slow).toEqual([]);
  });
});
