// Conversations with an agent and their messages: inputs of the chat procedures and the shapes they answer with.
// A message's metadata (model, token counts, cited passages, latency, tool calls and their confirmation) is the
// stored JSON of assistant_messages.metadata: parsed with ZMessageMetadata whenever it is read.
import { z } from "zod";

import { zAsyncIterable } from "./async-iterable.ts";
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

/**
 * What a streamed reply (chat.send, chat.resume) yields, in order: `start`, tokens, tool activity, then exactly one
 * `done` or `error`. The procedures' output contract: every event is parsed against this on its way out.
 */
export const ZChatStreamEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    /** Empty on resume (no new user message). */
    userMessageId: z.string(),
    citations: z.array(ZCitedPassage),
    retrievalOnly: z.boolean(),
  }),
  z.object({ type: z.literal("token"), text: z.string() }),
  z.object({ type: z.literal("tool"), call: ZMessageToolCall }),
  z.object({ type: z.literal("done"), message: ZChatMessageOutput }),
  z.object({
    type: z.literal("error"),
    message: z.string(),
    /** The failed reply as stored, or null when nothing was stored. */
    stored: ZChatMessageOutput.nullable(),
  }),
]);
export type TChatStreamEvent = z.infer<typeof ZChatStreamEvent>;

/** The output of chat.send and chat.resume: a stream of ZChatStreamEvent. */
export const ZChatStreamOutput = zAsyncIterable({ yield: ZChatStreamEvent });

/** Assistant tokens the organization used this calendar month (UTC) against its plan's allowance. */
export const ZAssistantUsageOutput = z.object({
  tokensThisMonth: z.number().int(),
  limit: z.number().int().nullable(),
});

/**
 * A whole turn at once, for transports that do not stream (REST's POST /conversations/{id}/messages): the stream's
 * events folded together once it has ended.
 */
export const ZChatReplyOutput = z.object({
  /** The stored user message; empty on resume. */
  userMessageId: z.string(),
  retrievalOnly: z.boolean(),
  citations: z.array(ZCitedPassage),
  /** Tool calls of the turn, in order: read tools already ran; a `pending` write tool awaits a decision. */
  toolCalls: z.array(ZMessageToolCall),
  /** The assistant's last stored message (the reply, or the failed one); null when nothing was stored. */
  message: ZChatMessageOutput.nullable(),
  /** Why the reply failed (the model provider, too many tool rounds); null when it did not. */
  error: z.string().nullable(),
});
export type TChatReplyOutput = z.infer<typeof ZChatReplyOutput>;
