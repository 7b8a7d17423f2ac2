// Fixtures of the chat tests: an agent with one READY knowledge document (indexed as the kb job would), the fake
// OpenAI server wired in as the model provider, and a collector for streamed turns.
import type { FakeOpenAI, Responder } from "@tenantry/fake-openai";
import type { TChatStreamEvent } from "@tenantry/validators";
import { OpenAICompatibleProvider, setModelProvider } from "@tenantry/core/assistant/index";
import { newId } from "@tenantry/db";
import { startFakeOpenAI } from "@tenantry/fake-openai";

import { admin } from "../../../test/fixtures.ts";

export async function createAgent(
  organizationId: string,
  opts: { tools?: string[]; passages?: string[]; model?: string; projectId?: string } = {},
): Promise<{ agentId: string; documentId: string }> {
  const agentId = newId();
  const documentId = newId();
  await admin.query(
    `INSERT INTO agents (id, organization_id, name, type, model, enabled_tools, project_id, updated_at)
     VALUES ($1, $2, $3, 'documentation', $4, $5, $6, now())`,
    [
      agentId,
      organizationId,
      `Agent ${agentId.slice(-6)}`,
      opts.model ?? "",
      opts.tools ?? [],
      opts.projectId ?? null,
    ],
  );
  const passages = opts.passages ?? [
    "Members take twenty days of paid vacation each year.",
    "Expense reports are due on the fifth working day of the month.",
  ];
  await admin.query(
    `INSERT INTO knowledge_documents (id, organization_id, name, media_type, size, storage_key, sha256, status,
                                      chunk_count, processed_at, updated_at)
     VALUES ($1, $2, 'handbook.md', 'text/markdown', 100, $3, repeat('0', 64), 'READY', $4, now(), now())`,
    [documentId, organizationId, `${organizationId}/knowledge/${documentId}`, passages.length],
  );
  for (const [position, content] of passages.entries()) {
    await admin.query(
      `INSERT INTO knowledge_chunks (id, organization_id, document_id, position, content, search_vector)
       VALUES ($1, $2, $3, $4, $5, to_tsvector('english', $5))`,
      [newId(), organizationId, documentId, position, content],
    );
  }
  await admin.query(
    `INSERT INTO agent_documents (organization_id, agent_id, document_id) VALUES ($1, $2, $3)`,
    [organizationId, agentId, documentId],
  );
  return { agentId, documentId };
}

/** Starts the fake server and makes it the process's model provider (default model "env-model"). */
export async function useFakeModel(responder?: Responder): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI(responder ? { responder } : {});
  setModelProvider(
    new OpenAICompatibleProvider({ baseURL: fake.url, apiKey: null, defaultModel: "env-model" }),
  );
  return fake;
}

export async function collect(
  stream: AsyncIterable<TChatStreamEvent> | Promise<AsyncIterable<TChatStreamEvent>>,
): Promise<TChatStreamEvent[]> {
  const events: TChatStreamEvent[] = [];
  for await (const event of await stream) events.push(event);
  return events;
}

export const tokensOf = (events: TChatStreamEvent[]): string =>
  events.flatMap((e) => (e.type === "token" ? [e.text] : [])).join("");

export async function storedMessages(conversationId: string) {
  const { rows } = await admin.query<{
    role: string;
    content: string;
    status: string;
    metadata: Record<string, unknown>;
  }>(
    `SELECT role, content, status, metadata FROM assistant_messages WHERE conversation_id = $1
     ORDER BY created_at, id`,
    [conversationId],
  );
  return rows;
}

export async function auditActions(organizationId: string, prefix: string) {
  const { rows } = await admin.query<{
    action: string;
    actor_user_id: string;
    metadata: Record<string, unknown>;
  }>(
    `SELECT action, actor_user_id, metadata FROM audit_logs WHERE organization_id = $1 AND action LIKE $2
     ORDER BY seq`,
    [organizationId, `${prefix}%`],
  );
  return rows;
}
