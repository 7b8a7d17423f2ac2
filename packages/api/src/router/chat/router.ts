// chat.* — a member's conversations with the organization's agents. Every member may chat (organization.read);
// a conversation is its user's alone (NOT_FOUND for anyone else), except the audited compliance reads of
// agent.audit holders. send and resume stream their reply: the procedure checks and stores in the request's
// tenant transaction, then returns an async iterable (streamed by httpBatchStreamLink) that stores the reply once; every event it
// yields is parsed against ZChatStreamEvent on its way out (ZChatStreamOutput).
import { z } from "zod";

import * as chat from "@tenantry/core/assistant/index";
import {
  ZArchiveConversationInput,
  ZAssistantUsageOutput,
  ZAuditConversationsInput,
  ZChatMessageOutput,
  ZChatStreamOutput,
  ZConversationIdInput,
  ZConversationOutput,
  ZConversationPageOutput,
  ZCreateConversationInput,
  ZListConversationsInput,
  ZListMessagesInput,
  ZMessagePageOutput,
  ZRenameConversationInput,
  ZSendMessageInput,
  ZToolDecisionInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

const member = () => permissionProcedure("organization.read");

export const chatRouter = createTRPCRouter({
  conversation: {
    list: member()
      .input(ZListConversationsInput)
      .output(ZConversationPageOutput)
      .query(({ ctx, input }) => chat.listConversations(ctx.db, ctx.actor, input)),

    /** One's own conversation (or, with agent.audit, anyone's: an audited read). */
    get: member()
      .input(ZConversationIdInput)
      .output(ZConversationOutput)
      .query(({ ctx, input }) => chat.getConversation(ctx.db, ctx.actor, input.conversationId)),

    create: member()
      .input(ZCreateConversationInput)
      .output(ZConversationOutput)
      .mutation(({ ctx, input }) => chat.createConversation(ctx.db, ctx.actor, input)),

    rename: member()
      .input(ZRenameConversationInput)
      .output(ZConversationOutput)
      .mutation(({ ctx, input }) => chat.renameConversation(ctx.db, ctx.actor, input)),

    archive: member()
      .input(ZArchiveConversationInput)
      .output(ZConversationOutput)
      .mutation(({ ctx, input }) => chat.archiveConversation(ctx.db, ctx.actor, input)),

    delete: member()
      .input(ZConversationIdInput)
      .output(z.object({ id: z.string() }))
      .mutation(({ ctx, input }) =>
        chat.deleteConversation(ctx.db, ctx.actor, input.conversationId),
      ),

    /** Every member's conversations, for compliance; each call is audited. */
    auditList: permissionProcedure("agent.audit")
      .input(ZAuditConversationsInput)
      .output(ZConversationPageOutput)
      .query(({ ctx, input }) => chat.auditConversations(ctx.db, ctx.actor, input)),
  },

  message: {
    /** History of one's own conversation (or, with agent.audit, anyone's: an audited read). */
    list: member()
      .input(ZListMessagesInput)
      .output(ZMessagePageOutput)
      .query(({ ctx, input }) => chat.listMessages(ctx.db, ctx.actor, input)),
  },

  /** Sends a message and streams the reply (events: start, token…, tool…, then done or error). */
  send: member()
    .input(ZSendMessageInput)
    .output(ZChatStreamOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const turn = await chat.beginTurn(ctx.db, ctx.actor, input);
      return chat.streamTurn(turn, chat.tenantRunner(ctx.pool, ctx.actor), signal);
    }),

  /** Continues the reply after the user decided on the pending tool calls. */
  resume: member()
    .input(ZConversationIdInput)
    .output(ZChatStreamOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const turn = await chat.beginResume(ctx.db, ctx.actor, input.conversationId);
      return chat.streamTurn(turn, chat.tenantRunner(ctx.pool, ctx.actor), signal);
    }),

  /** Confirms (runs, as the user) or declines a write tool the assistant asked for. */
  decide: member()
    .input(ZToolDecisionInput)
    .output(
      z.object({
        message: ZChatMessageOutput,
        toolMessage: ZChatMessageOutput,
        canResume: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => chat.decideToolCall(ctx.db, ctx.actor, input)),

  usage: member()
    .input(z.object({}).optional())
    .output(ZAssistantUsageOutput)
    .query(({ ctx }) => chat.getAssistantUsage(ctx.db, ctx.actor)),
});
