// The raw-input guard: finds unstorable strings anywhere in an input, and refuses them before any procedure runs.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { callerAs, expectTRPCError } from "../../test/fixtures.ts";
import { findUnstorableText } from "./input-guard.ts";

const NUL = "\u0000";
const HIGH = "\uD800";
const LOW = "\uDC00";

describe("findUnstorableText", () => {
  it("accepts well-formed text of every kind, control characters other than NUL included", () => {
    expect(
      findUnstorableText({
        name: "Zoë 😀 — 中文",
        lines: "tab\tnew\nline\r\n",
        list: [1, true, null, undefined, new Date(), { deep: ["ok"] }],
        bell: "\u0007",
      }),
    ).toBeNull();
  });

  it("reports the path of a NUL or a lone surrogate in a value", () => {
    expect(findUnstorableText(`a${NUL}`)).toEqual({ path: [], key: false });
    expect(findUnstorableText({ a: { b: ["ok", `x${HIGH}`] } })).toEqual({
      path: ["a", "b", 1],
      key: false,
    });
    expect(findUnstorableText({ a: `${LOW}x` })).toEqual({ path: ["a"], key: false });
    // A surrogate pair split in the wrong order is two lone surrogates.
    expect(findUnstorableText({ a: `${LOW}${HIGH}` })).toEqual({ path: ["a"], key: false });
  });

  it("checks object keys, Map keys and values, Set members", () => {
    expect(findUnstorableText({ outer: { [`k${NUL}`]: 1 } })).toEqual({
      path: ["outer"],
      key: true,
    });
    expect(findUnstorableText(new Map([[`k${HIGH}`, 1]]))).toEqual({ path: [], key: true });
    expect(findUnstorableText({ m: new Map([["k", `v${NUL}`]]) })).toEqual({
      path: ["m", "k"],
      key: false,
    });
    expect(findUnstorableText({ s: new Set(["ok", `v${LOW}`]) })).toEqual({
      path: ["s"],
      key: false,
    });
  });

  it("checks FormData field names, values and file names", () => {
    const value = new FormData();
    value.append("taskId", `id${NUL}`);
    expect(findUnstorableText(value)).toEqual({ path: ["taskId"], key: false });

    const file = new FormData();
    file.append("taskId", "fine");
    // (File names are USVStrings: a lone surrogate there already became U+FFFD, a NUL did not.)
    file.append("file", new File(["x"], `notes${NUL}.txt`));
    expect(findUnstorableText(file)).toEqual({ path: ["file"], key: false });

    const name = new FormData();
    name.append(`f${NUL}`, "x");
    expect(findUnstorableText(name)).toEqual({ path: [], key: true });
  });

  it("walks any depth without recursion and survives cycles", () => {
    let deep: unknown = `bottom${NUL}`;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const found = findUnstorableText(deep);
    expect(found?.path).toHaveLength(50_000);

    const cyclic: Record<string, unknown> = { name: "ok" };
    cyclic.self = cyclic;
    expect(findUnstorableText(cyclic)).toBeNull();
  });
});

describe("inputGuard on the base procedure", () => {
  it("refuses before authentication and before parsing, with the field's path", async () => {
    // Anonymous: the guard answers before authedProcedure would say UNAUTHORIZED.
    const anonymous = await expectTRPCError(
      callerAs(null).account.updateProfile({ name: `x${NUL}` }),
      "BAD_REQUEST",
    );
    expect(anonymous.cause).toBeInstanceOf(ZodError);
    expect((anonymous.cause as ZodError).issues).toEqual([
      expect.objectContaining({ code: "custom", path: ["name"] }),
    ]);
    // A field the schema does not know (and would strip) is refused all the same.
    const extra = await expectTRPCError(
      callerAs(null).auth.requestPasswordReset({
        email: "someone@example.com",
        ...{ note: { text: `a${LOW}` } },
      }),
      "BAD_REQUEST",
    );
    expect((extra.cause as ZodError).issues[0]?.path).toEqual(["note", "text"]);
  });
});
