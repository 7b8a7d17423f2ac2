// The assistant over REST (/api/v1 agents, conversations, messages) against the fake OpenAI server: an agent made
// and edited by its manager, a member's conversation whose question answers with the whole stored reply at once
// (not streamed over REST), a write tool confirmed and the turn resumed, other users' conversations NOT_FOUND; every
// answer validates against the OpenAPI document.
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FakeOpenAI } from "@tenantry/fake-openai";
import { setModelProvider } from "@tenantry/core/assistant/index";
import { lastUserMessage } from "@tenantry/fake-openai";

import type { RestCall, RestResult } from "./rest-client.ts";
import { buildOpenApiDocument } from "../../src/rest/index.ts";
import { createAgent, storedMessages, useFakeModel } from "../../src/router/chat/chat-fixtures.ts";
import { addMember, admin, createProjectRow, createTenant, createUser } from "../fixtures.ts";
import { accessTokenFor, restClient } from "./rest-client.ts";

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Json>> };
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

/** Calls `method url` and checks the answer against what the document says `route` answers with that status. */
function documented(rest: RestCall) {
  return async (method: string, route: string, url: string, body?: unknown) => {
    const result: RestResult = await rest(method, url, body === undefined ? {} : { body });
    const op = doc.paths[route]?.[method.toLowerCase()] as
      { responses: Record<string, { content?: Record<string, { schema: Json }> }> } | undefined;
    const response = op?.responses[String(result.status)];
    expect(
      response,
      `${method} ${route} documents no ${result.status}: ${result.text}`,
    ).toBeDefined();
    const schema = Object.values(response?.content ?? {})[0]?.schema;
    if (schema && !("$ref" in schema)) {
      const validate = ajv.compile(schema);
      expect(validate(result.body), `${method} ${route}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
    }
    return result;
  };
}

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await useFakeModel((req) => {
    const last = req.messages.at(-1);
    if (last?.role === "tool") return { content: `Done: ${String(last.content).slice(0, 60)}` };
    if (lastUserMessage(req).startsWith("create")) {
      return { toolCalls: [{ name: "task_create", arguments: { title: "Renew the lease" } }] };
    }
    return { content: "Members get twenty days of vacation [1]." };
  });
});
afterAll(async () => {
  setModelProvider(undefined);
  await fake.close();
});

async function world() {
  const { org, user: owner } = await createTenant("RestAssistant");
  const member = await createUser();
  await addMember(org.id, member.id, "MEMBER");
  return {
    org,
    owner: documented(restClient(await accessTokenFor(owner), { org: org.id })),
    member: documented(restClient(await accessTokenFor(member), { org: org.id })),
  };
}

describe("assistant REST routes", () => {
  it("lets a manager create, read, edit, deactivate and reactivate an agent; members only read", async () => {
    const { owner, member } = await world();
    const created = await owner("POST", "/agents", "/agents", {
      name: "Handbook",
      type: "hr",
      enabledTools: ["knowledge.search"],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const options = await member("GET", "/agents/options", "/agents/options");
    expect((options.body as { tools: { name: string }[] }).tools.map((t) => t.name)).toContain(
      "task.create",
    );
    const edited = await owner("PATCH", "/agents/{id}", `/agents/${id}`, { temperature: 0 });
    expect(edited.body).toMatchObject({ id, temperature: 0, name: "Handbook" });
    expect((await member("GET", "/agents", "/agents")).body).toMatchObject([{ id }]);
    expect((await member("PATCH", "/agents/{id}", `/agents/${id}`, { name: "x" })).status).toBe(
      403,
    );
    await owner("POST", "/agents/{id}/deactivate", `/agents/${id}/deactivate`);
    expect((await member("GET", "/agents/{id}", `/agents/${id}`)).status).toBe(404);
    const back = await owner("POST", "/agents/{id}/reactivate", `/agents/${id}/reactivate`);
    expect(back.body).toMatchObject({ active: true });
    expect((await member("GET", "/agents/{id}", `/agents/${id}`)).body).toMatchObject({ id });
  });

  it("answers a question with the whole stored reply, manages the conversation, and hides it from others", async () => {
    const { org, member, owner } = await world();
    const { agentId } = await createAgent(org.id);
    const started = await member("POST", "/conversations", "/conversations", { agentId });
    expect(started.status).toBe(201);
    const id = (started.body as { id: string }).id;
    const asked = await member(
      "POST",
      "/conversations/{conversationId}/messages",
      `/conversations/${id}/messages`,
      { content: "How many vacation days?" },
    );
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      retrievalOnly: false,
      error: null,
      toolCalls: [],
      citations: [{ index: 1, documentName: "handbook.md", position: 0 }, { index: 2 }],
      message: {
        role: "ASSISTANT",
        status: "COMPLETE",
        content: "Members get twenty days of vacation [1].",
      },
    });
    // Stored once: the user's message and the reply.
    expect((await storedMessages(id)).map((m) => m.role)).toEqual(["USER", "ASSISTANT"]);
    const history = await member(
      "GET",
      "/conversations/{conversationId}/messages",
      `/conversations/${id}/messages`,
    );
    expect((history.body as { items: { role: string }[] }).items.map((m) => m.role)).toEqual([
      "USER",
      "ASSISTANT",
    ]);
    const one = `/conversations/${id}`;
    expect((await member("GET", "/conversations/{conversationId}", one)).body).toMatchObject({
      id,
      title: "How many vacation days?",
    });
    await member("PATCH", "/conversations/{conversationId}", one, { title: "Leave" });
    await member("POST", "/conversations/{conversationId}/archive", `${one}/archive`, {
      archived: true,
    });
    const archived = await member("GET", "/conversations", "/conversations?archived=true");
    expect(archived.body).toMatchObject({ items: [{ id, title: "Leave", archived: true }] });
    // Another member (even the owner, outside the audited read) cannot touch it; the owner's audited read can see it.
    expect(
      (await owner("PATCH", "/conversations/{conversationId}", one, { title: "x" })).status,
    ).toBe(404);
    const all = await owner("GET", "/conversations/audit", "/conversations/audit");
    expect((all.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([id]);
    const deleted = await member("DELETE", "/conversations/{conversationId}", one);
    expect(deleted.body).toEqual({ id });
    expect((await member("GET", "/conversations/{conversationId}", one)).status).toBe(404);
    const usage = await member("GET", "/assistant/usage", "/assistant/usage");
    expect(usage.body).toMatchObject({ limit: 100_000 });
  });

  it("confirms a write tool over REST, then resumes the turn", async () => {
    const { org, member } = await world();
    const projectId = await createProjectRow(org.id, "Ops");
    const { agentId } = await createAgent(org.id, { tools: ["task.create"], projectId });
    const id = (
      (await member("POST", "/conversations", "/conversations", { agentId })).body as {
        id: string;
      }
    ).id;
    const asked = await member(
      "POST",
      "/conversations/{conversationId}/messages",
      `/conversations/${id}/messages`,
      { content: "create a task to renew the lease" },
    );
    const reply = asked.body as {
      toolCalls: { id: string; state: string; tool: string }[];
      message: { id: string };
    };
    expect(reply.toolCalls).toMatchObject([{ tool: "task.create", state: "pending" }]);
    const callId = reply.toolCalls[0]?.id ?? "";
    const decided = await member(
      "POST",
      "/conversations/{conversationId}/tool-calls/{toolCallId}",
      `/conversations/${id}/tool-calls/${encodeURIComponent(callId)}`,
      { messageId: reply.message.id, decision: "confirm" },
    );
    expect(decided.body).toMatchObject({ canResume: true });
    const { rows } = await admin.query<{ title: string }>(
      "SELECT title FROM tasks WHERE project_id = $1",
      [projectId],
    );
    expect(rows.map((r) => r.title)).toEqual(["Renew the lease"]);
    const resumed = await member(
      "POST",
      "/conversations/{conversationId}/resume",
      `/conversations/${id}/resume`,
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ userMessageId: "", error: null });
    const resumedMessage = (resumed.body as { message: { role: string; content: string } }).message;
    expect(resumedMessage.role).toBe("ASSISTANT");
    expect(resumedMessage.content).toMatch(/^Done: Created task/);
  });
});
