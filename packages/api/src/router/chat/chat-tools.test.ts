// The agent's tools run as the conversation's user: read tools at once, a write tool only after the user confirms;
// the member's own permissions decide, and every run or refusal is audited with the agent as the means.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FakeOpenAI } from "@tenantry/fake-openai";
import type { TChatStreamEvent } from "@tenantry/validators";
import { setModelProvider } from "@tenantry/core/assistant/index";
import { lastUserMessage } from "@tenantry/fake-openai";

import {
  addMember,
  admin,
  callerAs,
  createProjectRow,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";
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
    const last = req.messages.at(-1);
    if (last?.role === "tool")
      return { content: `Tool said: ${String(last.content).slice(0, 80)}` };
    const q = lastUserMessage(req);
    if (q.startsWith("create")) {
      return { toolCalls: [{ name: "task_create", arguments: { title: "Renew the lease" } }] };
    }
    if (q.startsWith("find")) {
      return { toolCalls: [{ name: "task_search", arguments: { query: "invoice" } }] };
    }
    return { content: "Plain answer." };
  });
});
afterAll(async () => {
  setModelProvider(undefined);
  await fake.close();
});

async function setup(role: "MEMBER" | "VIEWER") {
  const { org } = await createTenant("Tools");
  const projectId = await createProjectRow(org.id, "Ops");
  const user = await createUser();
  await addMember(org.id, user.id, role);
  const { agentId } = await createAgent(org.id, {
    tools: ["knowledge.search", "task.search", "task.read", "task.create"],
    projectId,
  });
  const api = callerAs(user, org.id);
  const conversation = await api.chat.conversation.create({ agentId });
  return { org, user, projectId, agentId, api, conversation };
}

const pendingCall = (events: TChatStreamEvent[]) => {
  const tool = events.find((e) => e.type === "tool");
  const done = events.at(-1);
  if (tool?.type !== "tool" || done?.type !== "done") throw new Error("no pending tool call");
  return { call: tool.call, message: done.message };
};

async function taskTitles(projectId: string): Promise<string[]> {
  const { rows } = await admin.query<{ title: string }>(
    "SELECT title FROM tasks WHERE project_id = $1",
    [projectId],
  );
  return rows.map((r) => r.title);
}

describe("agent tools", () => {
  // The first test of the file also pays for the warm-up (module load, first connections): a longer budget.
  it(
    "asks before creating a task, then creates it as the user after confirmation, audited",
    { timeout: 60_000 },
    async () => {
      const { org, user, projectId, api, conversation } = await setup("MEMBER");
      const events = await collect(
        api.chat.send({ conversationId: conversation.id, content: "create it" }),
      );
      const { call, message } = pendingCall(events);
      expect(call).toMatchObject({
        tool: "task.create",
        state: "pending",
        arguments: { title: "Renew the lease" },
      });
      expect(await taskTitles(projectId)).toEqual([]);
      // A new message waits for the decision; so does continuing.
      await expectTRPCError(
        api.chat.send({ conversationId: conversation.id, content: "anything" }),
        "CONFLICT",
      );
      const decided = await api.chat.decide({
        conversationId: conversation.id,
        messageId: message.id,
        toolCallId: call.id,
        decision: "confirm",
      });
      expect(decided.canResume).toBe(true);
      expect(decided.toolMessage.content).toMatch(/^Created task K[0-9A-F]+-1: Renew the lease/);
      expect(await taskTitles(projectId)).toEqual(["Renew the lease"]);
      await expectTRPCError(
        api.chat.decide({
          conversationId: conversation.id,
          messageId: message.id,
          toolCallId: call.id,
          decision: "confirm",
        }),
        "CONFLICT",
      );
      const resumed = await collect(api.chat.resume({ conversationId: conversation.id }));
      expect(tokensOf(resumed)).toMatch(/^Tool said: Created task/);
      // The model saw the call and its result paired, as the API requires.
      const roles = fake.requests.at(-1)?.messages.map((m) => m.role);
      expect(roles?.slice(-3)).toEqual(["user", "assistant", "tool"]);
      const audit = await auditActions(org.id, "");
      const relevant = audit.filter(
        (e) => e.action === "task.create" || e.action.startsWith("assistant.tool"),
      );
      expect(relevant.map((e) => [e.action, e.actor_user_id])).toEqual([
        ["task.create", user.id],
        ["assistant.tool.run", user.id],
      ]);
      expect(relevant[1]?.metadata).toMatchObject({
        tool: "task.create",
        via: "agent",
        outcome: "ran",
      });
      expect((await storedMessages(conversation.id)).map((r) => r.role)).toEqual([
        "USER",
        "ASSISTANT",
        "TOOL",
        "ASSISTANT",
      ]);
    },
  );

  it("refuses task creation for a member without task.create, and audits the refusal", async () => {
    const { org, user, projectId, api, conversation } = await setup("VIEWER");
    const { call, message } = pendingCall(
      await collect(api.chat.send({ conversationId: conversation.id, content: "create it" })),
    );
    const decided = await api.chat.decide({
      conversationId: conversation.id,
      messageId: message.id,
      toolCallId: call.id,
      decision: "confirm",
    });
    expect(decided.toolMessage.content).toBe(
      'Refused: your role (VIEWER) lacks the "task.create" permission.',
    );
    expect(decided.message.metadata.toolCalls?.[0]?.state).toBe("failed");
    expect(await taskTitles(projectId)).toEqual([]);
    const audit = await auditActions(org.id, "assistant.tool");
    expect(audit.map((e) => [e.action, e.actor_user_id])).toEqual([
      ["assistant.tool.denied", user.id],
    ]);
  });

  it("declines: nothing runs and the model is told", async () => {
    const { projectId, api, conversation } = await setup("MEMBER");
    const { call, message } = pendingCall(
      await collect(api.chat.send({ conversationId: conversation.id, content: "create it" })),
    );
    await api.chat.decide({
      conversationId: conversation.id,
      messageId: message.id,
      toolCallId: call.id,
      decision: "decline",
    });
    expect(await taskTitles(projectId)).toEqual([]);
    const resumed = await collect(api.chat.resume({ conversationId: conversation.id }));
    expect(tokensOf(resumed)).toBe("Tool said: The user declined this action.");
  });

  it("runs a read tool at once, as the user, and continues from its result", async () => {
    const { org, projectId, api, conversation } = await setup("MEMBER");
    await admin.query(
      `INSERT INTO tasks (id, organization_id, project_id, number, title, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 1, 'Pay the invoice', now())`,
      [org.id, projectId],
    );
    const events = await collect(
      api.chat.send({ conversationId: conversation.id, content: "find invoices" }),
    );
    const tool = events.find((e) => e.type === "tool");
    expect(tool).toMatchObject({ call: { tool: "task.search", state: "done" } });
    expect(tokensOf(events)).toMatch(/^Tool said: K[0-9A-F]+-1 \[TODO\] Pay the invoice/);
    expect((await storedMessages(conversation.id)).map((r) => r.role)).toEqual([
      "USER",
      "ASSISTANT",
      "TOOL",
      "ASSISTANT",
    ]);
    expect((await auditActions(org.id, "assistant.tool")).map((e) => e.metadata.tool)).toEqual([
      "task.search",
    ]);
  });

  it("a decision on another user's conversation is NOT_FOUND", async () => {
    const { org, api, conversation } = await setup("MEMBER");
    const { call, message } = pendingCall(
      await collect(api.chat.send({ conversationId: conversation.id, content: "create it" })),
    );
    const intruder = await createUser();
    await addMember(org.id, intruder.id, "ADMIN");
    await expectTRPCError(
      callerAs(intruder, org.id).chat.decide({
        conversationId: conversation.id,
        messageId: message.id,
        toolCallId: call.id,
        decision: "confirm",
      }),
      "NOT_FOUND",
    );
  });
});
