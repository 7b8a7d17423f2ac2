import type { SuperJSONResult } from "superjson";
import superjson from "superjson";
import { describe, expect, it } from "vitest";

import { serializeOutput, transformer } from "./transformer.ts";

/** What tRPC writes: the serialized value as JSON. */
const bytes = (value: unknown) => JSON.stringify(serializeOutput(value));
const superjsonBytes = (value: unknown) => JSON.stringify(superjson.serialize(value));

const shared = { id: "same" };
const sharedDate = new Date("2026-01-02T03:04:05.678Z");
class Money {
  constructor(readonly cents: number) {}
}

const SAMPLES: Record<string, unknown> = {
  "a task page": {
    items: Array.from({ length: 3 }, (_, i) => ({
      id: `t${i}`,
      title: `Task ${i}`,
      dueAt: i === 1 ? null : new Date(Date.UTC(2026, 0, i + 1)),
      createdAt: new Date(Date.UTC(2025, 11, 31, 23, 59, 59, i)),
      assignees: [{ userId: "u1", name: "Ann" }],
      tags: [],
      subtaskCount: i,
      estimate: 1.5,
      done: false,
    })),
    nextCursor: null,
  },
  "no Dates": { a: 1, b: ["x", true, null], c: { d: -2.5e-7 } },
  "keys that need escaping": {
    "a.b": { "c\\d": new Date(0), "": new Date(1) },
    "x.": [new Date(2)],
  },
  "a Date at the root": new Date(5),
  "Dates in an array at the root": [new Date(7), { d: new Date(8), e: [[new Date(9)]] }],
  "a string": "plain",
  "a number": 42,
  null: null,
  undefined: undefined,
  "an undefined property": { a: undefined, b: new Date(3) },
  "undefined in an array": [1, undefined, 3],
  "a sparse array": [1, , 3], // eslint-disable-line no-sparse-arrays
  "an invalid Date": { d: new Date(Number.NaN) },
  "NaN, Infinity and -0": { a: Number.NaN, b: Infinity, c: -Infinity, d: -0 },
  "a bigint": { n: 10n },
  "a Map and a Set": { m: new Map([["k", new Date(4)]]), s: new Set([1]) },
  "an object met twice": { a: shared, b: [shared] },
  "a Date met twice": { a: sharedDate, b: sharedDate },
  "a class instance": { price: new Money(5) },
  "a null-prototype object": Object.assign(Object.create(null) as object, { d: new Date(6) }),
  "a RegExp and an Error": { r: /x/g, e: new Error("boom") },
};

describe("serializeOutput", () => {
  it.each(Object.entries(SAMPLES))("writes superjson's bytes for %s", (_name, value) => {
    expect(bytes(value)).toBe(superjsonBytes(value));
  });

  it("lists each Date of a page by its path, and the page reads back equal", () => {
    const page = SAMPLES["a task page"];
    const serialized = serializeOutput(page);
    expect(serialized.meta?.values).toEqual({
      "items.0.dueAt": ["Date"],
      "items.0.createdAt": ["Date"],
      "items.1.createdAt": ["Date"],
      "items.2.dueAt": ["Date"],
      "items.2.createdAt": ["Date"],
    });
    expect(superjson.parse(bytes(page))).toEqual(page);
    expect(transformer.output.deserialize(JSON.parse(bytes(page)) as SuperJSONResult)).toEqual(
      page,
    );
  });

  it("refuses prototype-polluting keys as superjson does", () => {
    const polluted = JSON.parse('{"a":{"__proto__":{"x":1}}}') as unknown;
    expect(() => superjson.serialize(polluted)).toThrow(/prototype pollution/);
    expect(() => serializeOutput(polluted)).toThrow(/prototype pollution/);
  });
});
