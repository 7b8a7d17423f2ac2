import { describe, expect, it } from "vitest";

import {
  boundedInt,
  boundedMultiLineText,
  boundedText,
  INT_MAX,
  isStorableText,
  multiLineText,
  singleLineText,
  storableString,
  ZOpaqueCursor,
  ZSafeDate,
  ZSafeIsoDate,
} from "./common.ts";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe("safe text", () => {
  it("tells storable text from NUL and lone surrogates", () => {
    expect(isStorableText("Zoë 😀 \t\n")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("\uD83D")).toBe(false);
    expect(isStorableText("\uDE00\uD83D")).toBe(false);
    expect(isStorableText("\uD83D\uDE00")).toBe(true);
  });

  it("storableString refuses only NUL and lone surrogates (passwords keep every other character)", () => {
    const schema = storableString("Password");
    expect(schema.parse(" tab\tand\nbell\u0007 ")).toBe(" tab\tand\nbell\u0007 ");
    expect(messages(schema.safeParse("a\u0000"))).toEqual([
      "Password contains characters that cannot be stored (NUL or an invalid UTF-16 sequence)",
    ]);
    expect(schema.safeParse("a\uDFFF").success).toBe(false);
  });

  it("single-line text is trimmed and refuses control characters and line breaks", () => {
    const schema = singleLineText("Name");
    expect(schema.parse("  Ann Lee  ")).toBe("Ann Lee");
    // Surrounding line breaks are trimmed away; inner ones are refused.
    expect(schema.parse("\nAnn\n")).toBe("Ann");
    for (const bad of [
      "Ann\nLee",
      "Ann\tLee",
      "Ann\u0007",
      "Ann\u007f",
      "Ann\u0085x",
      "Ann\u2028Lee",
    ]) {
      expect(messages(schema.safeParse(bad)), JSON.stringify(bad)).toEqual([
        "Name must be one line without control characters",
      ]);
    }
    // One clear message for unstorable text, not a second about control characters.
    expect(messages(schema.safeParse("Ann\u0000"))).toEqual([
      "Name contains characters that cannot be stored (NUL or an invalid UTF-16 sequence)",
    ]);
  });

  it("multi-line text keeps tabs and line breaks, refuses other control characters", () => {
    const schema = multiLineText("Description");
    expect(schema.parse("line 1\r\n\tline 2\n")).toBe("line 1\r\n\tline 2\n");
    expect(messages(schema.safeParse("bell\u0007"))).toEqual([
      "Description must not contain control characters",
    ]);
    expect(schema.safeParse("x\uD800").success).toBe(false);
  });

  it("bounded texts are required and limited after trimming", () => {
    expect(messages(boundedText("Title", 3).safeParse("   "))).toEqual(["Title is required"]);
    expect(boundedText("Title", 3).parse(" abc ")).toBe("abc");
    expect(messages(boundedText("Title", 3).safeParse("abcd"))).toEqual([
      "Title must be at most 3 characters",
    ]);
    expect(boundedMultiLineText("Comment", 20).parse("  a\nb  ")).toBe("a\nb");
    expect(messages(boundedMultiLineText("Comment", 20).safeParse("\n\n"))).toEqual([
      "Comment is required",
    ]);
  });
});

describe("safe dates", () => {
  it("accepts Date objects in years 1900 to 9999 only", () => {
    expect(ZSafeDate.safeParse(new Date("2026-06-01T00:00:00Z")).success).toBe(true);
    expect(ZSafeDate.safeParse(new Date("1900-01-01T00:00:00Z")).success).toBe(true);
    expect(ZSafeDate.safeParse(new Date("9999-12-31T23:59:59.999Z")).success).toBe(true);
    for (const bad of [
      "0000-01-01T00:00:00Z",
      "1899-12-31T23:59:59Z",
      "+010000-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
    ]) {
      expect(messages(ZSafeDate.safeParse(new Date(bad))), bad).toEqual([
        "Use a date between the years 1900 and 9999",
      ]);
    }
    expect(ZSafeDate.safeParse(new Date(Number.NaN)).success).toBe(false);
  });

  it("accepts YYYY-MM-DD calendar dates in the same range", () => {
    expect(ZSafeIsoDate.parse("2026-02-28")).toBe("2026-02-28");
    expect(ZSafeIsoDate.safeParse("2026-02-30").success).toBe(false);
    expect(messages(ZSafeIsoDate.safeParse("0000-01-01"))).toEqual([
      "Use a date between the years 1900 and 9999",
    ]);
    expect(ZSafeIsoDate.safeParse("275760-09-13").success).toBe(false);
  });
});

describe("bounded integers and cursors", () => {
  it("boundedInt stays within PostgreSQL's INT", () => {
    expect(boundedInt(1, 10).parse(10)).toBe(10);
    expect(boundedInt(1, 10).safeParse(1.5).success).toBe(false);
    expect(boundedInt(1, 10).safeParse(11).success).toBe(false);
    expect(() => boundedInt(0, INT_MAX + 1)).toThrow(RangeError);
  });

  it("an opaque cursor is base64url", () => {
    expect(ZOpaqueCursor.parse("eyJrIjpudWxsfQ")).toBe("eyJrIjpudWxsfQ");
    expect(ZOpaqueCursor.safeParse("abc\u0000").success).toBe(false);
    expect(ZOpaqueCursor.safeParse("a".repeat(501)).success).toBe(false);
  });
});
