// The transactional half of a chat turn, run in the request's tenant transaction before anything streams: the
// conversation is the actor's own and its agent active, the month's token allowance is not spent, no action awaits
// confirmation; the user's message is stored, passages retrieved and the prompt assembled. Streaming (chat-stream.ts)
// then runs outside any transaction, so a slow model never holds a database connection.
import type { Db, TenantDb } from "@tenantry/db";
import type { TCitedPassage, TSendMessageInput } from "@tenantry/validators";
import { withTenantTransaction } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import type { ChatMessage } from "./provider.ts";
import { ConflictError, PreconditionFailedError } from "../errors.ts";
import { loadOwnConversation } from "./conversations.ts";
import { parseMetadata, recentMessages } from "./messages.ts";
import { searchAgentPassages } from "./passages.ts";
import { HISTORY_MESSAGES, historyMessages, systemPrompt, toCitations } from "./prompt.ts";
import { getModelProvider } from "./provider.ts";
import { assertAssistantQuota } from "./quota.ts";

export interface TurnAgent {
  id: string;
  name: string;
  projectId: string | null;
  model: string;
  temperature: number;
  maxTokens: number;
  enabledTools: string[];
}

export interface Turn {
  actor: MemberActor;
  conversationId: string;
  agent: TurnAgent;
  /** The prompt: system message with the passages, then the history ending with the user's message. */
  messages: ChatMessage[];
  citations: TCitedPassage[];
  /** The stored user message (null when resuming after a tool decision). */
  userMessageId: string | null;
}

/** Opens short tenant transactions as the actor after the request's own has committed. */
export type TenantRunner = <T>(fn: (tx: TenantDb) => Promise<T>) => Promise<T>;

export function tenantRunner(db: Db, actor: MemberActor): TenantRunner {
  return (fn) =>
    withTenantTransaction(
      db,
      {
        userId: actor.userId,
        organizationId: actor.organizationId,
        role: actor.membership.role,
      },
      fn,
    );
}

async function loadTurnContext(db: TenantDb, actor: MemberActor, conversationId: string) {
  const conversation = await loadOwnConversation(db, actor, conversationId);
  if (conversation.archivedAt) {
    throw new PreconditionFailedError("This conversation is archived; unarchive it to continue");
  }
  const agent = await db.agent.findFirst({
    where: { organizationId: actor.organizationId, id: conversation.agentId },
  });
  if (!agent?.active) throw new PreconditionFailedError("This conversation's agent is deactivated");
  // Only a model call spends tokens: retrieval-only answers stay available when the allowance is used up.
  if (getModelProvider()) await assertAssistantQuota(db, actor);
  const history = await recentMessages(db, actor.organizationId, conversation.id, HISTORY_MESSAGES);
  const pending = history.some(
    (m) =>
      m.role === "ASSISTANT" &&
      (parseMetadata(m.metadata).toolCalls ?? []).some((c) => c.state === "pending"),
  );
  return { conversation, agent, history, pending };
}

function toTurnAgent(agent: {
  id: string;
  name: string;
  projectId: string | null;
  model: string;
  temperature: number;
  maxTokens: number;
  enabledTools: string[];
}): TurnAgent {
  return {
    id: agent.id,
    name: agent.name,
    projectId: agent.projectId,
    model: agent.model,
    temperature: agent.temperature,
    maxTokens: agent.maxTokens,
    enabledTools: agent.enabledTools,
  };
}

export async function beginTurn(
  db: TenantDb,
  actor: MemberActor,
  input: TSendMessageInput,
): Promise<Turn> {
  const { conversation, agent, history, pending } = await loadTurnContext(
    db,
    actor,
    input.conversationId,
  );
  if (pending) {
    throw new ConflictError("Confirm or decline the assistant's pending action first");
  }
  const content = input.content.trim();
  const user = await db.assistantMessage.create({
    data: {
      organizationId: actor.organizationId,
      conversationId: conversation.id,
      role: "USER",
      content,
    },
    select: { id: true, createdAt: true },
  });
  await db.assistantConversation.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: conversation.id } },
    data: {
      lastMessageAt: user.createdAt,
      ...(conversation.title ? {} : { title: content.replace(/\s+/g, " ").slice(0, 80) }),
    },
  });
  const citations = toCitations(
    await searchAgentPassages(db, actor.organizationId, agent.id, content),
  );
  return {
    actor,
    conversationId: conversation.id,
    agent: toTurnAgent(agent),
    messages: [
      { role: "system", content: systemPrompt(agent, citations) },
      ...historyMessages(history),
      { role: "user", content },
    ],
    citations,
    userMessageId: user.id,
  };
}

/** After the user decided on the pending tool calls: the model continues from their results. */
export async function beginResume(
  db: TenantDb,
  actor: MemberActor,
  conversationId: string,
): Promise<Turn> {
  const { conversation, agent, history, pending } = await loadTurnContext(
    db,
    actor,
    conversationId,
  );
  if (pending) {
    throw new ConflictError("Confirm or decline the assistant's pending action first");
  }
  if (history.at(-1)?.role !== "TOOL") {
    throw new PreconditionFailedError("There is no tool result to continue from");
  }
  const question = history.findLast((m) => m.role === "USER")?.content ?? "";
  const citations = toCitations(
    await searchAgentPassages(db, actor.organizationId, agent.id, question),
  );
  return {
    actor,
    conversationId: conversation.id,
    agent: toTurnAgent(agent),
    messages: [
      { role: "system", content: systemPrompt(agent, citations) },
      ...historyMessages(history),
    ],
    citations,
    userMessageId: null,
  };
}
