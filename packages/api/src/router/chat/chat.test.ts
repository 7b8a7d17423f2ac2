// chat.* through the real middleware chain against the fake OpenAI server: conversations are their user's alone,
// a reply streams every token and is stored once, a stop keeps what arrived, retrieval passages are cited, and
// the monthly token allowance refuses with a clear error once spent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FakeOpenAI } from "@tenantry/fake-openai";
import { OpenAICompatibleProvider, setModelProvider } from "@tenantry/core/assistant/index";
import { lastUserMessage } from "@tenantry/fake-openai";
import { ZChatStreamEvent, ZChatStreamOutput } from "@tenantry/validators";

import {
  addMember,
  admin,
  callerAs,
  createOrganization,
  createTenant,
  createUser,
  db,
  expectTRPCError,
  sessionOf,
} from "../../../test/fixtures.ts";
import { appRouter, createCaller, createInnerTRPCContext } from "../../index.ts";
import {
  auditActions,
  collect,
  createAgent,
  storedMessages,
  tokensOf,
  useFakeModel,
} from "./chat-fixtures.ts";

let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await useFakeModel((req) => {
    const q = lastUserMessage(req);
    if (q.startsWith("slow"))
      return { content: "one two three four five six seven eight", tokenDelayMs: 60 };
    if (q.startsWith("usage"))
      return { content: "Counted.", usage: { promptTokens: 120, completionTokens: 30 } };
    if (q.startsWith("broken")) return { errorStatus: 500 };
    return { content: "Members get twenty days of vacation [1]." };
  });
});
afterAll(async () => {
  setModelProvider(undefined);
  await fake.close();
});

async function memberWithConversation() {
  const { org, user: owner } = await createTenant("Chat");
  const member = await createUser();
  await addMember(org.id, member.id, "MEMBER");
  const { agentId } = await createAgent(org.id);
  const api = callerAs(member, org.id);
  const conversation = await api.chat.conversation.create({ agentId });
  return { org, owner, member, agentId, api, conversation };
}

describe("chat conversations", () => {
  it("creates, renames, archives and deletes one's own conversations", async () => {
    const { api, agentId, conversation } = await memberWithConversation();
    expect(conversation).toMatchObject({ agentId, title: "", archived: false });
    const renamed = await api.chat.conversation.rename({
      conversationId: conversation.id,
      title: " Leave questions ",
    });
    expect(renamed.title).toBe("Leave questions");
    expect((await api.chat.conversation.list({})).items.map((c) => c.id)).toEqual([
      conversation.id,
    ]);
    await api.chat.conversation.archive({ conversationId: conversation.id, archived: true });
    expect((await api.chat.conversation.list({})).items).toEqual([]);
    expect((await api.chat.conversation.list({ archived: true })).items.map((c) => c.id)).toEqual([
      conversation.id,
    ]);
    await expectTRPCError(
      api.chat.send({ conversationId: conversation.id, content: "hello" }),
      "PRECONDITION_FAILED",
    );
    await api.chat.conversation.delete({ conversationId: conversation.id });
    await expectTRPCError(api.chat.message.list({ conversationId: conversation.id }), "NOT_FOUND");
  });

  it("hides a conversation from other users and other organizations (NOT_FOUND)", async () => {
    const { org, api, conversation } = await memberWithConversation();
    await collect(
      api.chat.send({ conversationId: conversation.id, content: "How much vacation?" }),
    );
    const colleague = await createUser();
    await addMember(org.id, colleague.id, "MEMBER");
    const other = callerAs(colleague, org.id);
    const id = { conversationId: conversation.id };
    await expectTRPCError(other.chat.message.list(id), "NOT_FOUND");
    await expectTRPCError(other.chat.conversation.rename({ ...id, title: "mine" }), "NOT_FOUND");
    await expectTRPCError(other.chat.conversation.delete(id), "NOT_FOUND");
    await expectTRPCError(other.chat.send({ ...id, content: "hi" }), "NOT_FOUND");
    expect((await other.chat.conversation.list({})).items).toEqual([]);
    // Another organization's owner, naming the id from their own organization.
    const { org: elsewhere, user: stranger } = await createTenant("Elsewhere");
    const foreign = callerAs(stranger, elsewhere.id);
    await expectTRPCError(foreign.chat.message.list(id), "NOT_FOUND");
    await expectTRPCError(foreign.chat.send({ ...id, content: "hi" }), "NOT_FOUND");
    await expectTRPCError(other.chat.conversation.auditList({}), "FORBIDDEN");
    expect(await storedMessages(conversation.id)).toHaveLength(2);
  });

  it("lets agent.audit holders read every member's conversation, auditing each read", async () => {
    const { org, owner, member, api, conversation } = await memberWithConversation();
    await collect(
      api.chat.send({ conversationId: conversation.id, content: "How much vacation?" }),
    );
    const auditor = callerAs(owner, org.id);
    const all = await auditor.chat.conversation.auditList({});
    expect(all.items.map((c) => [c.id, c.userId])).toEqual([[conversation.id, member.id]]);
    const history = await auditor.chat.message.list({ conversationId: conversation.id });
    expect(history.items.map((m) => m.role)).toEqual(["USER", "ASSISTANT"]);
    const entries = await auditActions(org.id, "assistant.conversation.");
    expect(entries.map((e) => [e.action, e.actor_user_id])).toEqual([
      ["assistant.conversation.list_all", owner.id],
      ["assistant.conversation.read", owner.id],
    ]);
    // The owner of the conversation reads it without an audit entry; an auditor still cannot write to it.
    await api.chat.message.list({ conversationId: conversation.id });
    expect(await auditActions(org.id, "assistant.conversation.")).toHaveLength(2);
    await expectTRPCError(
      auditor.chat.send({ conversationId: conversation.id, content: "hi" }),
      "NOT_FOUND",
    );
  });

  it("pages history back from the newest message", async () => {
    const { api, conversation } = await memberWithConversation();
    for (const q of ["first question", "second question", "third question"]) {
      await collect(api.chat.send({ conversationId: conversation.id, content: q }));
    }
    const newest = await api.chat.message.list({ conversationId: conversation.id, limit: 4 });
    expect(newest.items.map((m) => m.content)).toEqual([
      "second question",
      "Members get twenty days of vacation [1].",
      "third question",
      "Members get twenty days of vacation [1].",
    ]);
    const older = await api.chat.message.list({
      conversationId: conversation.id,
      limit: 4,
      cursor: newest.nextCursor,
    });
    expect(older.items.map((m) => m.content)).toEqual([
      "first question",
      "Members get twenty days of vacation [1].",
    ]);
    expect(older.nextCursor).toBeNull();
  });
});

describe("chat.send streaming", () => {
  it("streams every token, cites the retrieved passage, and stores the reply once", async () => {
    const { api, conversation } = await memberWithConversation();
    const events = await collect(
      api.chat.send({
        conversationId: conversation.id,
        content: "How many vacation days do I get?",
      }),
    );
    expect(events[0]).toMatchObject({ type: "start", retrievalOnly: false });
    expect(events.filter((e) => e.type === "token")).toHaveLength(7);
    expect(tokensOf(events)).toBe("Members get twenty days of vacation [1].");
    const done = events.at(-1);
    expect(done?.type).toBe("done");
    // The prompt carried the best passage, numbered for citation; the model's default came from the provider.
    const sent = fake.requests.at(-1);
    expect(sent?.model).toBe("env-model");
    expect(sent?.messages[0]?.content).toContain(
      "[1] handbook.md (passage 1)\nMembers take twenty days",
    );
    const rows = await storedMessages(conversation.id);
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ["USER", "COMPLETE"],
      ["ASSISTANT", "COMPLETE"],
    ]);
    expect(rows[1]?.content).toBe("Members get twenty days of vacation [1].");
    expect(rows[1]?.metadata).toMatchObject({
      model: "env-model",
      completionTokens: 7,
    });
    // Both passages match some word; the one about vacation ranks first.
    expect(rows[1]?.metadata.citations).toMatchObject([
      { index: 1, documentName: "handbook.md", position: 0 },
      { index: 2, position: 1 },
    ]);
    expect(typeof rows[1]?.metadata.latencyMs).toBe("number");
    expect((await api.chat.conversation.list({})).items[0]?.title).toBe(
      "How many vacation days do I get?",
    );
  });

  it("sends and resumes through the declared stream contract: only declared events and keys", async () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { output?: unknown } }
    >;
    expect(procedures["chat.send"]?._def.output).toBe(ZChatStreamOutput);
    expect(procedures["chat.resume"]?._def.output).toBe(ZChatStreamOutput);
    const { api, conversation } = await memberWithConversation();
    const events = await collect(
      api.chat.send({ conversationId: conversation.id, content: "How much vacation?" }),
    );
    expect(events.map((e) => e.type)).toEqual(["start", ...Array<string>(7).fill("token"), "done"]);
    // Parsing strips undeclared keys: an event equal to its parse carried nothing undeclared.
    for (const event of events) expect(ZChatStreamEvent.parse(event)).toEqual(event);
  });

  it("uses the agent's model over the default", async () => {
    const { org, member } = await memberWithConversation();
    const { agentId } = await createAgent(org.id, { model: "agent-special" });
    const api = callerAs(member, org.id);
    const conversation = await api.chat.conversation.create({ agentId });
    await collect(api.chat.send({ conversationId: conversation.id, content: "hi" }));
    expect(fake.requests.at(-1)?.model).toBe("agent-special");
  });

  it("stops mid-stream and stores what arrived as STOPPED", async () => {
    const { api, conversation } = await memberWithConversation();
    const before = fake.disconnects();
    const received: string[] = [];
    for await (const event of await api.chat.send({
      conversationId: conversation.id,
      content: "slow answer please",
    })) {
      if (event.type === "token") received.push(event.text);
      if (received.length === 3) break;
    }
    expect(received.join("")).toBe("one two three ");
    await expect.poll(() => fake.disconnects()).toBe(before + 1);
    const rows = await storedMessages(conversation.id);
    expect(rows.map((r) => [r.role, r.status, r.content])).toEqual([
      ["USER", "COMPLETE", "slow answer please"],
      ["ASSISTANT", "STOPPED", "one two three "],
    ]);
    expect(rows[1]?.metadata).toMatchObject({ completionTokens: 3 });
  });

  it("stops when the request's signal aborts", async () => {
    const { org, member, conversation } = await memberWithConversation();
    const controller = new AbortController();
    const api = createCaller(
      createInnerTRPCContext({ db, session: sessionOf(member), organization: org.id }),
      { signal: controller.signal },
    );
    const stream = await api.chat.send({
      conversationId: conversation.id,
      content: "slow but aborted",
    });
    const events: string[] = [];
    for await (const event of stream) {
      events.push(event.type);
      if (events.filter((t) => t === "token").length === 2) controller.abort();
    }
    const rows = await storedMessages(conversation.id);
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ["USER", "COMPLETE"],
      ["ASSISTANT", "STOPPED"],
    ]);
    expect(rows[1]?.content).toBe("one two ");
  });

  it("stores a provider failure as FAILED with a safe message", async () => {
    const { api, conversation } = await memberWithConversation();
    const events = await collect(
      api.chat.send({ conversationId: conversation.id, content: "broken" }),
    );
    expect(events.at(-1)).toMatchObject({
      type: "error",
      message: "The model provider failed (HTTP 500)",
    });
    const rows = await storedMessages(conversation.id);
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ["USER", "COMPLETE"],
      ["ASSISTANT", "FAILED"],
    ]);
  });
});

describe("assistant token allowance", () => {
  it("counts reported tokens in the usage ledger and refuses clearly once the month's allowance is spent", async () => {
    const { org, api, agentId, conversation } = await memberWithConversation();
    await collect(api.chat.send({ conversationId: conversation.id, content: "usage check" }));
    expect(await api.chat.usage()).toEqual({ tokensThisMonth: 150, limit: 100_000 });
    // The reply's tokens are one ledger entry under its message id: the durable record the quota reads.
    const { rows: ledger } = await admin.query<{ event_id: string; quantity: string }>(
      `SELECT event_id, quantity::text FROM usage_ledger
        WHERE organization_id = $1 AND metric = 'assistant_tokens'`,
      [org.id],
    );
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.event_id).toMatch(/^assistant:/);
    expect(ledger[0]?.quantity).toBe("150");
    await admin.query(
      `INSERT INTO usage_ledger (id, organization_id, event_id, metric, quantity)
       VALUES (gen_random_uuid(), $1, 'test:earlier', 'assistant_tokens', 99850)`,
      [org.id],
    );
    const error = await expectTRPCError(
      api.chat.send({ conversationId: conversation.id, content: "one more" }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe(
      "This organization has used its assistant allowance of 100,000 tokens this month; upgrade the plan or wait for next month",
    );
    // Refused before anything was stored; deleting the conversation gives no tokens back.
    expect((await storedMessages(conversation.id)).map((r) => r.content)).not.toContain("one more");
    const other = await api.chat.conversation.create({ agentId });
    await api.chat.conversation.delete({ conversationId: conversation.id });
    await expectTRPCError(
      api.chat.send({ conversationId: other.id, content: "after delete" }),
      "PRECONDITION_FAILED",
    );
    // A platform admin's override of the allowance (the effective limits) lifts it.
    await admin.query(
      `INSERT INTO organization_limit_overrides (id, organization_id, limit_key, value, reason, updated_at)
       VALUES (gen_random_uuid(), $1, 'assistantTokensPerMonth', 200000, 'test', now())`,
      [org.id],
    );
    expect((await api.chat.usage()).limit).toBe(200_000);
    const events = await collect(api.chat.send({ conversationId: other.id, content: "one more" }));
    expect(events.at(-1)?.type).toBe("done");
  });
});

describe("retrieval-only mode", () => {
  it("says no model is configured and answers with the best passages and their sources", async () => {
    const { api, conversation } = await memberWithConversation();
    setModelProvider(null);
    try {
      const events = await collect(
        api.chat.send({
          conversationId: conversation.id,
          content: "When are expense reports due?",
        }),
      );
      expect(events[0]).toMatchObject({ type: "start", retrievalOnly: true });
      const text = tokensOf(events);
      expect(text).toContain("No language model is configured for this assistant");
      expect(text).toContain(
        "[1] handbook.md, passage 2:\nExpense reports are due on the fifth working day of the month.",
      );
      const rows = await storedMessages(conversation.id);
      expect(rows[1]?.metadata).toMatchObject({
        retrievalOnly: true,
        citations: [{ index: 1, position: 1 }],
      });
    } finally {
      useFakeModelAgain();
    }
  });

  it("never answers from another organization's passages", async () => {
    const elsewhere = await createOrganization("Other KB");
    await createAgent(elsewhere.id, { passages: ["Expense reports secret elsewhere policy."] });
    const { api, conversation } = await memberWithConversation();
    setModelProvider(null);
    try {
      const text = tokensOf(
        await collect(
          api.chat.send({ conversationId: conversation.id, content: "secret elsewhere policy" }),
        ),
      );
      expect(text).not.toContain("secret elsewhere");
      expect(text).toContain("No passage of its knowledge base matches the question.");
    } finally {
      useFakeModelAgain();
    }
  });
});

function useFakeModelAgain() {
  setModelProvider(
    new OpenAICompatibleProvider({ baseURL: fake.url, apiKey: null, defaultModel: "env-model" }),
  );
}
