// Inputs PostgreSQL refuses (NUL, lone surrogates, year 0) are field errors before anything reaches the database:
// the three reported cases through the real middleware and database, and the same answer as HTTP clients get it.
import type { SuperJSONResult } from "superjson";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import {
  admin,
  callerAs,
  createProjectRow,
  createTenant,
  db,
  expectTRPCError,
  sessionOf,
} from "../../test/fixtures.ts";
import { appRouter, createInnerTRPCContext } from "../index.ts";

/** Awaits a BAD_REQUEST whose cause is a ZodError with an issue at `path` (what the error formatter flattens). */
async function expectFieldError(promise: Promise<unknown>, path: (string | number)[]) {
  const error = await expectTRPCError(promise, "BAD_REQUEST");
  expect(error.cause).toBeInstanceOf(ZodError);
  expect((error.cause as ZodError).issues.map((issue) => issue.path)).toContainEqual(path);
  return error;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? -1;
}

describe("input PostgreSQL cannot store", () => {
  it("tag.create refuses a NUL byte in the name, and nothing is written", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    await expectFieldError(api.tag.create({ name: "bug\u0000fix", color: "#1d4ed8" }), ["name"]);
    // A NUL in a key the schema would silently drop is refused as well (the input guard reads the raw input).
    await expectFieldError(
      api.tag.create({ name: "ok", color: "#1d4ed8", ...{ "x\u0000": 1 } }),
      [],
    );
    expect(
      await count("SELECT count(*)::int AS n FROM tags WHERE organization_id = $1", [org.id]),
    ).toBe(0);
    // The same name without the NUL is fine.
    expect((await api.tag.create({ name: "bugfix", color: "#1d4ed8" })).name).toBe("bugfix");
  });

  it("account.updateProfile refuses a lone surrogate, and the name stays", async () => {
    const { user } = await createTenant();
    const api = callerAs(user);
    await expectFieldError(api.account.updateProfile({ name: "Ann \uD83D" }), ["name"]);
    await expectFieldError(api.account.updateProfile({ name: "\uDE00 Ann" }), ["name"]);
    const { rows } = await admin.query<{ name: string }>("SELECT name FROM users WHERE id = $1", [
      user.id,
    ]);
    expect(rows).toEqual([{ name: user.name }]);
    // A well-formed pair (an emoji) is of course fine.
    expect((await api.account.updateProfile({ name: "Ann \uD83D\uDE00" })).name).toBe("Ann 😀");
  });

  it("task.create and task.list refuse year 0 in due dates, filters and the cursor", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const projectId = await createProjectRow(org.id);
    await expectFieldError(
      api.task.create({ projectId, title: "Ancient", dueDate: "0000-01-01" }),
      ["dueDate"],
    );
    expect(
      await count("SELECT count(*)::int AS n FROM tasks WHERE organization_id = $1", [org.id]),
    ).toBe(0);
    await expectFieldError(api.task.list({ dueFrom: "0000-01-01" }), ["dueFrom"]);
    await expectFieldError(api.task.list({ dueTo: "0000-12-31" }), ["dueTo"]);
    // A forged keyset cursor carrying year 0 as the last due date.
    const cursor = Buffer.from(JSON.stringify({ k: "0000-01-01", id: projectId })).toString(
      "base64url",
    );
    await expectFieldError(api.task.list({ sort: "due", cursor }), ["cursor"]);

    // In range, the same calls work.
    const task = await api.task.create({ projectId, title: "Modern", dueDate: "1900-01-01" });
    expect(task.dueDate).toBe("1900-01-01");
    const listed = await api.task.list({ dueFrom: "1900-01-01", dueTo: "9999-12-31", sort: "due" });
    expect(listed.items.map((t) => t.id)).toEqual([task.id]);
  });

  it("answers HTTP clients 400 with the flattened field error, never database text", async () => {
    const { org, user } = await createTenant();
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request("http://localhost/api/trpc/tag.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize({ name: "a\u0000b", color: "#1d4ed8" })),
      }),
      createContext: () =>
        createInnerTRPCContext({ db, session: sessionOf(user), organization: org.id }),
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    const { error } = JSON.parse(body) as { error: SuperJSONResult };
    const shape = superjson.deserialize<{
      data: {
        code: string;
        zodError: { formErrors: string[]; fieldErrors: Record<string, string[]> };
      };
    }>(error).data;
    expect(shape.code).toBe("BAD_REQUEST");
    expect(Object.keys(shape.zodError.fieldErrors)).toEqual(["name"]);
    expect(body).not.toMatch(/invocation|prisma|22021|invalid byte sequence/i);
  });
});
