// The output contract of the streamed chat procedures: every event is parsed on its way out, undeclared keys never
// leave, an undeclared event ends the stream with an error, and a consumer that stops early stops the source.
import { describe, expect, it } from "vitest";

import { ZChatStreamOutput } from "./assistant-chat.ts";

const message = {
  id: "01939a4e-7c1f-7e3a-9b2d-5f6a7b8c9d0e",
  role: "ASSISTANT",
  content: "Twenty days [1].",
  status: "COMPLETE",
  metadata: { model: "env-model", completionTokens: 4 },
  createdAt: new Date("2026-12-02T09:30:00Z"),
};

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe("ZChatStreamOutput", () => {
  it("passes the declared events through in order and strips undeclared keys at every level", async () => {
    async function* source() {
      await Promise.resolve();
      yield { type: "start", userMessageId: "u1", citations: [], retrievalOnly: false, debug: 1 };
      yield { type: "token", text: "Twenty " };
      yield {
        type: "done",
        message: {
          ...message,
          organizationId: "secret-tenant",
          metadata: { ...message.metadata, apiKey: "sk-secret" },
        },
      };
    }
    const events = await drain(await ZChatStreamOutput.parseAsync(source()));
    expect(events).toEqual([
      { type: "start", userMessageId: "u1", citations: [], retrievalOnly: false },
      { type: "token", text: "Twenty " },
      { type: "done", message },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/secret/);
  });

  it("ends the stream with an error at an undeclared event, and closes the source", async () => {
    let closed = false;
    async function* source() {
      try {
        await Promise.resolve();
        yield { type: "token", text: "ok" };
        yield { type: "debug", prompt: "the whole system prompt" };
        yield { type: "token", text: "never sent" };
      } finally {
        closed = true;
      }
    }
    const received: unknown[] = [];
    const stream = await ZChatStreamOutput.parseAsync(source());
    await expect(
      (async () => {
        for await (const event of stream) received.push(event);
      })(),
    ).rejects.toThrow();
    expect(received).toEqual([{ type: "token", text: "ok" }]);
    expect(closed).toBe(true);
  });

  it("refuses a value that is not a stream, and passes an early stop on to the source", async () => {
    await expect(ZChatStreamOutput.parseAsync({ type: "token", text: "x" })).rejects.toThrow(
      /Expected a stream/,
    );
    let closed = false;
    async function* source() {
      try {
        for (;;) yield await Promise.resolve({ type: "token", text: "t" });
      } finally {
        closed = true;
      }
    }
    for await (const event of await ZChatStreamOutput.parseAsync(source())) {
      expect(event).toEqual({ type: "token", text: "t" });
      break;
    }
    expect(closed).toBe(true);
  });
});
