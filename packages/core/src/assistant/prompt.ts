// What the model reads: the agent's instructions, the retrieved passages numbered for citation, and the recent
// history mapped to chat messages (tool calls paired with their results, as the chat-completions API requires).
import type { AssistantMessageModel as AssistantMessage } from "@tenantry/db";
import type { TCitedPassage } from "@tenantry/validators";

import type { Passage } from "./passages.ts";
import type { ChatMessage } from "./provider.ts";
import { parseMetadata } from "./messages.ts";

export const HISTORY_MESSAGES = 20;

export function toCitations(passages: Passage[]): TCitedPassage[] {
  return passages.map((p, i) => ({
    index: i + 1,
    documentId: p.documentId,
    documentName: p.documentName,
    chunkId: p.chunkId,
    position: p.position,
    text: p.content,
  }));
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export function systemPrompt(
  agent: { name: string; systemPrompt: string },
  citations: TCitedPassage[],
): string {
  const base =
    agent.systemPrompt.trim() || `You are ${agent.name}, an assistant for this organization.`;
  if (citations.length === 0) {
    return `${base}\n\nNo passage of the knowledge base matched this question; say so if it needs one.`;
  }
  const passages = citations
    .map((c) => `[${c.index}] ${c.documentName} (passage ${c.position + 1})\n${oneLine(c.text)}`)
    .join("\n\n");
  return `${base}\n\nAnswer from these passages of the knowledge base when they are relevant, and cite each one you use by its marker, like [1].\n\n${passages}`;
}

/** The stored history as chat messages; a leading tool result whose call fell out of the window is dropped. */
export function historyMessages(rows: AssistantMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const row of rows) {
    const metadata = parseMetadata(row.metadata);
    if (row.role === "USER") out.push({ role: "user", content: row.content });
    else if (row.role === "TOOL") {
      const last = out.at(-1);
      const answers = last?.role === "tool" || (last?.role === "assistant" && last.toolCalls);
      if (metadata.toolCallId && answers) {
        out.push({ role: "tool", content: row.content, toolCallId: metadata.toolCallId });
      }
    } else {
      const calls = (metadata.toolCalls ?? []).filter((c) => c.state !== "pending");
      if (!row.content && calls.length === 0) continue;
      out.push({
        role: "assistant",
        content: row.content,
        ...(calls.length > 0
          ? {
              toolCalls: calls.map((c) => ({
                id: c.id,
                name: c.tool.replace(".", "_"),
                arguments: JSON.stringify(c.arguments),
              })),
            }
          : {}),
      });
    }
  }
  return out;
}

/** The answer of retrieval-only mode: said plainly, then the best passages with their sources. */
export function retrievalOnlyAnswer(citations: TCitedPassage[]): string {
  const head = "No language model is configured for this assistant, so it cannot write an answer.";
  if (citations.length === 0) {
    return `${head} No passage of its knowledge base matches the question.`;
  }
  const body = citations
    .map((c) => `[${c.index}] ${c.documentName}, passage ${c.position + 1}:\n${c.text.trim()}`)
    .join("\n\n");
  return `${head} These are the best-matching passages of its knowledge base:\n\n${body}`;
}

/** About four characters a token: the estimate for replies whose usage the provider never reported. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
