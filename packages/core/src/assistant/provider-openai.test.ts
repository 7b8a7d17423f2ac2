// The OpenAI-compatible provider against the fake server: tokens in order, assembled tool calls, usage, the
// agent's model winning over the default, abort ending the stream early, upstream errors in safe words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FakeOpenAI } from "@tenantry/fake-openai";
import { lastUserMessage, startFakeOpenAI } from "@tenantry/fake-openai";

import type { ChatEvent } from "./provider.ts";
import { OpenAICompatibleProvider } from "./provider-openai.ts";

let fake: FakeOpenAI;
let provider: OpenAICompatibleProvider;

beforeAll(async () => {
  fake = await startFakeOpenAI({
    apiKey: "sk-test",
    responder: (req) => {
      const question = lastUserMessage(req);
      if (question === "tool please") {
        return { toolCalls: [{ name: "search_tasks", arguments: { query: "invoices" } }] };
      }
      if (question === "slow") return { content: "one two three four five six", tokenDelayMs: 40 };
      if (question === "fail") return { errorStatus: 503 };
      return { content: "Hello there, friend.", usage: { promptTokens: 7, completionTokens: 4 } };
    },
  });
  provider = new OpenAICompatibleProvider({
    baseURL: fake.url,
    apiKey: "sk-test",
    defaultModel: "default-model",
  });
});
afterAll(() => fake.close());

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe("OpenAICompatibleProvider", () => {
  it("streams tokens in order, then usage and the finish reason", async () => {
    const events = await collect(provider.stream({ messages: [{ role: "user", content: "hi" }] }));
    const text = events.flatMap((e) => (e.type === "token" ? [e.text] : [])).join("");
    expect(text).toBe("Hello there, friend.");
    expect(events.filter((e) => e.type === "token").length).toBe(3);
    expect(events.at(-1)).toEqual({
      type: "done",
      model: "default-model",
      finishReason: "stop",
      usage: { promptTokens: 7, completionTokens: 4 },
    });
  });

  it("sends the request's model, temperature and tools, and assembles tool calls", async () => {
    const events = await collect(
      provider.stream({
        model: "agent-model",
        temperature: 0.2,
        maxTokens: 100,
        messages: [{ role: "user", content: "tool please" }],
        tools: [
          { name: "search_tasks", description: "Search tasks", parameters: { type: "object" } },
        ],
      }),
    );
    const sent = fake.requests.at(-1);
    expect(sent).toMatchObject({ model: "agent-model", temperature: 0.2, max_tokens: 100 });
    expect(sent?.tools?.map((t) => t.function.name)).toEqual(["search_tasks"]);
    const call = events.find((e) => e.type === "tool_call");
    expect(call?.type === "tool_call" && call.call.name).toBe("search_tasks");
    expect(call?.type === "tool_call" && JSON.parse(call.call.arguments)).toEqual({
      query: "invoices",
    });
    expect(events.at(-1)).toMatchObject({ type: "done", finishReason: "tool_calls" });
  });

  it("stops reading when aborted and yields no done event", async () => {
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    const before = fake.disconnects();
    for await (const event of provider.stream({
      messages: [{ role: "user", content: "slow" }],
      signal: controller.signal,
    })) {
      events.push(event);
      if (events.length === 2) controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(["token", "token"]);
    await expect.poll(() => fake.disconnects()).toBe(before + 1);
  });

  it("reports upstream failures without the endpoint's details", async () => {
    await expect(
      collect(provider.stream({ messages: [{ role: "user", content: "fail" }] })),
    ).rejects.toThrow("The model provider failed (HTTP 503)");
    const badKey = new OpenAICompatibleProvider({
      baseURL: fake.url,
      apiKey: "wrong",
      defaultModel: "m",
    });
    await expect(
      collect(badKey.stream({ messages: [{ role: "user", content: "hi" }] })),
    ).rejects.toThrow("The model provider refused the configured API key");
  });
});
