// The streaming half of a chat turn: tokens go to the caller as they arrive, and the reply is stored once — complete,
// stopped (the caller hung up or aborted: what arrived is kept) or failed — in a short tenant transaction of its
// own. Read-only tool calls run at once as the user and the model continues from their results; a write tool is
// stored as pending and the turn ends, waiting for the user's confirmation (tool-decision.ts).
import type { AssistantMessageStatus, Prisma, TenantDb } from "@tenantry/db";
import type {
  TChatMessageOutput,
  TChatStreamEvent,
  TMessageMetadata,
  TMessageToolCall,
} from "@tenantry/validators";

import type { TenantRunner, Turn } from "./chat-turn.ts";
import type { ChatMessage, ChatToolCall, ChatUsage } from "./provider.ts";
import { recordUsage } from "../usage/ledger.ts";
import { toMessageOutput } from "./messages.ts";
import { estimateTokens, retrievalOnlyAnswer } from "./prompt.ts";
import { getModelProvider, ModelProviderError } from "./provider.ts";
import { isWriteTool, runTool, toolByFunctionName, toolDefinitions } from "./tools.ts";

/** Model calls per turn: read tools may chain, but never forever. */
const MAX_ROUNDS = 4;

async function storeMessage(
  tx: TenantDb,
  turn: Turn,
  data: {
    role: "ASSISTANT" | "TOOL";
    content: string;
    status?: AssistantMessageStatus;
    metadata: TMessageMetadata;
  },
): Promise<TChatMessageOutput> {
  const row = await tx.assistantMessage.create({
    data: {
      organizationId: turn.actor.organizationId,
      conversationId: turn.conversationId,
      role: data.role,
      content: data.content,
      status: data.status ?? "COMPLETE",
      metadata: data.metadata as Prisma.InputJsonObject,
    },
  });
  await tx.assistantConversation.update({
    where: {
      organizationId_id: { organizationId: turn.actor.organizationId, id: turn.conversationId },
    },
    data: { lastMessageAt: row.createdAt },
  });
  // The reply's tokens count toward the organization's usage once, under the message's id (the plan quota reads them).
  const tokens = (data.metadata.promptTokens ?? 0) + (data.metadata.completionTokens ?? 0);
  if (data.role === "ASSISTANT" && tokens > 0) {
    await recordUsage(tx, {
      organizationId: turn.actor.organizationId,
      metric: "assistant_tokens",
      quantity: tokens,
      eventId: `assistant:${row.id}`,
    });
  }
  return toMessageOutput(row);
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const promptText = (messages: ChatMessage[]) => messages.map((m) => m.content).join("\n");

/**
 * Streams one turn. `signal` is the caller's (the request's abort); returning early from the iteration stops it too.
 * Either way the partial reply is stored as STOPPED.
 */
export async function* streamTurn(
  turn: Turn,
  run: TenantRunner,
  signal?: AbortSignal,
): AsyncGenerator<TChatStreamEvent, void, undefined> {
  const provider = getModelProvider();
  yield {
    type: "start",
    userMessageId: turn.userMessageId ?? "",
    citations: turn.citations,
    retrievalOnly: provider === null,
  };
  if (!provider) {
    const content = retrievalOnlyAnswer(turn.citations);
    const message = await run((tx) =>
      storeMessage(tx, turn, {
        role: "ASSISTANT",
        content,
        metadata: { retrievalOnly: true, citations: turn.citations, latencyMs: 0 },
      }),
    );
    yield { type: "token", text: content };
    yield { type: "done", message };
    return;
  }

  const upstream = new AbortController();
  const onAbort = () => upstream.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const messages = [...turn.messages];
  const tools = toolDefinitions(turn.agent.enabledTools);
  const model = turn.agent.model || provider.defaultModel;
  let text = "";
  let chunks = 0;
  let started = Date.now();
  let stored = false;
  const storeStopped = () =>
    run((tx) =>
      storeMessage(tx, turn, {
        role: "ASSISTANT",
        content: text,
        status: "STOPPED",
        metadata: {
          model,
          // Nothing reported usage for a stopped stream: the chunks that arrived, and an estimate of the prompt.
          promptTokens: estimateTokens(promptText(messages)),
          completionTokens: chunks,
          latencyMs: Date.now() - started,
          citations: turn.citations,
        },
      }),
    );
  try {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      text = "";
      chunks = 0;
      started = Date.now();
      const calls: ChatToolCall[] = [];
      let usage: ChatUsage | null = null;
      let answeredModel = model;
      let finished = false;
      for await (const event of provider.stream({
        model: turn.agent.model || null,
        temperature: turn.agent.temperature,
        maxTokens: turn.agent.maxTokens,
        messages,
        tools: round < MAX_ROUNDS - 1 ? tools : [],
        signal: upstream.signal,
      })) {
        if (event.type === "token") {
          text += event.text;
          chunks += 1;
          yield { type: "token", text: event.text };
        } else if (event.type === "tool_call") {
          calls.push(event.call);
        } else {
          finished = true;
          usage = event.usage;
          answeredModel = event.model;
        }
      }
      if (!finished) {
        stored = true;
        const message = await storeStopped();
        yield { type: "done", message };
        return;
      }
      const metadata: TMessageMetadata = {
        model: answeredModel,
        promptTokens: usage?.promptTokens ?? estimateTokens(promptText(messages)),
        completionTokens: usage?.completionTokens ?? estimateTokens(text),
        latencyMs: Date.now() - started,
        citations: turn.citations,
      };
      if (calls.length === 0) {
        stored = true;
        const message = await run((tx) =>
          storeMessage(tx, turn, { role: "ASSISTANT", content: text, metadata }),
        );
        yield { type: "done", message };
        return;
      }
      // One transaction: the assistant's message with its calls, the read tools' runs (as the user, audited) and
      // their results; write tools stay pending until the user decides.
      const outcome = await run(async (tx) => {
        const toolCalls: TMessageToolCall[] = [];
        const results: { id: string; content: string }[] = [];
        for (const call of calls) {
          const tool = toolByFunctionName(call.name);
          const args = parseArguments(call.arguments);
          if (!tool || !turn.agent.enabledTools.includes(tool)) {
            const result = `Unknown tool ${call.name.slice(0, 60)}`;
            toolCalls.push({
              id: call.id,
              tool: call.name.slice(0, 60),
              arguments: args,
              state: "failed",
              result,
            });
            results.push({ id: call.id, content: result });
          } else if (isWriteTool(tool)) {
            toolCalls.push({ id: call.id, tool, arguments: args, state: "pending" });
          } else {
            const ran = await runTool(
              tx,
              { actor: turn.actor, agent: turn.agent, conversationId: turn.conversationId },
              tool,
              args,
            );
            toolCalls.push({
              id: call.id,
              tool,
              arguments: args,
              state: ran.ok ? "done" : "failed",
              result: ran.result,
            });
            results.push({ id: call.id, content: ran.result });
          }
        }
        const message = await storeMessage(tx, turn, {
          role: "ASSISTANT",
          content: text,
          metadata: { ...metadata, toolCalls },
        });
        for (const result of results) {
          await storeMessage(tx, turn, {
            role: "TOOL",
            content: result.content,
            metadata: { toolCallId: result.id },
          });
        }
        return { message, toolCalls, results };
      });
      stored = true;
      for (const call of outcome.toolCalls) yield { type: "tool", call };
      if (outcome.toolCalls.some((c) => c.state === "pending")) {
        yield { type: "done", message: outcome.message };
        return;
      }
      messages.push({
        role: "assistant",
        content: text,
        toolCalls: calls,
      });
      for (const result of outcome.results) {
        messages.push({ role: "tool", content: result.content, toolCallId: result.id });
      }
      stored = false;
      text = "";
    }
    yield {
      type: "error",
      message: "The assistant stopped after too many tool calls",
      stored: null,
    };
  } catch (error) {
    if (!(error instanceof ModelProviderError)) throw error;
    stored = true;
    const message = await run((tx) =>
      storeMessage(tx, turn, {
        role: "ASSISTANT",
        content: text,
        status: "FAILED",
        metadata: { model, error: error.message, citations: turn.citations },
      }),
    );
    yield { type: "error", message: error.message, stored: message };
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!stored) {
      upstream.abort();
      if (text || chunks > 0) await storeStopped();
    }
  }
}
