// Conversations with an agent and their messages: inputs of the chat procedures and the shapes they answer with.
// A message's metadata (model, token counts, cited passages, latency, tool calls and their confirmation) is the
// stored JSON of assistant_messages.metadata: parsed with ZMessageMetadata whenever it is read.
import { z } from "zod";

import { boundedMultiLineText, singleLineText, ZId, ZPageLimit } from "./common.ts";

export const CONVERSATION_TITLE_MAX = 200;
export const CHAT_MESSAGE_MAX = 8_000;

const ZConversationTitle = singleLineText("Title").max(CONVERSATION_TITLE_MAX, {
  message: `Title is at most ${CONVERSATION_TITLE_MAX} characters`,
});

export const ZCreateConversationInput = z.object({
  agentId: ZId,
  title: ZConversationTitle.optional(),
});
export type TCreateConversationInput = z.input<typeof ZCreateConversationInput>;

export const ZConversationIdInput = z.object({ conversationId: ZId });
export type TConversationIdInput = z.infer<typeof ZConversationIdInput>;

export const ZRenameConversationInput = z.object({
  conversationId: ZId,
  title: ZConversationTitle.min(1, { message: "Title is required" }),
});
export type TRenameConversationInput = z.infer<typeof ZRenameConversationInput>;

export const ZArchiveConversationInput = z.object({ conversationId: ZId, archived: z.boolean() });
export type TArchiveConversationInput = z.infer<typeof ZArchiveConversationInput>;

export const ZListConversationsInput = z.object({
  archived: z.boolean().default(false),
  cursor: ZId.nullish(),
  limit: ZPageLimit(30),
});
export type TListConversationsInput = z.input<typeof ZListConversationsInput>;

/** The compliance read of agent.audit holders: every member's conversations, optionally one member's. */
export const ZAuditConversationsInput = z.object({
  userId: ZId.optional(),
  cursor: ZId.nullish(),
  limit: ZPageLimit(30),
});
export type TAuditConversationsInput = z.input<typeof ZAuditConversationsInput>;

export const ZListMessagesInput = z.object({
  conversationId: ZId,
  /** Messages older than this one (history pages back from the newest). */
  cursor: ZId.nullish(),
  limit: ZPageLimit(50),
});
export type TListMessagesInput = z.input<typeof ZListMessagesInput>;

export const ZSendMessageInput = z.object({
  conversationId: ZId,
  content: boundedMultiLineText("Message", CHAT_MESSAGE_MAX).refine((s) => s.trim().length > 0, {
    message: "Message is required",
  }),
});
export type TSendMessageInput = z.infer<typeof ZSendMessageInput>;

export const ZToolDecisionInput = z.object({
  conversationId: ZId,
  messageId: ZId,
  toolCallId: singleLineText("Tool call").min(1).max(100),
  decision: z.enum(["confirm", "decline"]),
});
export type TToolDecisionInput = z.infer<typeof ZToolDecisionInput>;

/** The tools an agent can be given; `write` tools run only after the user confirms in the chat. */
export const ASSISTANT_TOOLS = {
  "knowledge.search": { write: false },
  "task.search": { write: false },
  "task.read": { write: false },
  "task.create": { write: true },
} as const;
export type TAssistantTool = keyof typeof ASSISTANT_TOOLS;
export const ZAssistantTool = z.enum(
  Object.keys(ASSISTANT_TOOLS) as [TAssistantTool, ...TAssistantTool[]],
);

export const ZCitedPassage = z.object({
  /** The marker the reply uses, [1], [2], … */
  index: z.number().int(),
  documentId: z.string(),
  documentName: z.string(),
  chunkId: z.string(),
  position: z.number().int(),
  text: z.string(),
});
export type TCitedPassage = z.infer<typeof ZCitedPassage>;

export const ZToolCallState = z.enum(["pending", "declined", "done", "failed"]);

export const ZMessageToolCall = z.object({
  id: z.string(),
  tool: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  state: ZToolCallState,
  /** What the tool answered (or why it failed), as the model saw it. */
  result: z.string().optional(),
});
export type TMessageToolCall = z.infer<typeof ZMessageToolCall>;

export const ZMessageMetadata = z.object({
  model: z.string().optional(),
  promptTokens: z.number().int().optional(),
  completionTokens: z.number().int().optional(),
  latencyMs: z.number().int().optional(),
  citations: z.array(ZCitedPassage).optional(),
  toolCalls: z.array(ZMessageToolCall).optional(),
  /** On a TOOL message: which call of which assistant message it answers. */
  toolCallId: z.string().optional(),
  /** The reply came from retrieval alone (no model configured). */
  retrievalOnly: z.boolean().optional(),
  error: z.string().optional(),
});
export type TMessageMetadata = z.infer<typeof ZMessageMetadata>;

export const ZConversationOutput = z.object({
  id: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  userId: z.string(),
  title: z.string(),
  archived: z.boolean(),
  lastMessageAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TConversationOutput = z.infer<typeof ZConversationOutput>;

export const ZConversationPageOutput = z.object({
  items: z.array(ZConversationOutput),
  nextCursor: z.string().nullable(),
});

export const ZChatMessageOutput = z.object({
  id: z.string(),
  role: z.enum(["USER", "ASSISTANT", "TOOL"]),
  content: z.string(),
  status: z.enum(["COMPLETE", "STOPPED", "FAILED"]),
  metadata: ZMessageMetadata,
  createdAt: z.date(),
});
export type TChatMessageOutput = z.infer<typeof ZChatMessageOutput>;

export const ZMessagePageOutput = z.object({
  /** Oldest first within the page. */
  items: z.array(ZChatMessageOutput),
  /** Pass as `cursor` for the page before this one. */
  nextCursor: z.string().nullable(),
});

/** What a streamed reply yields, in order: tokens, tool activity, then exactly one `done` or `error`. */
export type TChatStreamEvent =
  | { type: "start"; userMessageId: string; citations: TCitedPassage[]; retrievalOnly: boolean }
  | { type: "token"; text: string }
  | { type: "tool"; call: TMessageToolCall }
  | { type: "done"; message: TChatMessageOutput }
  | { type: "error"; message: string; stored: TChatMessageOutput | null };

/** Assistant tokens the organization used this calendar month (UTC) against its plan's allowance. */
export const ZAssistantUsageOutput = z.object({
  tokensThisMonth: z.number().int(),
  limit: z.number().int().nullable(),
});
