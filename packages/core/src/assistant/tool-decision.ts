// The user's answer to a write tool the assistant asked to run: confirmed, the tool runs now as the user (with the
// user's permissions, audited with the agent as the means); declined, the model is told so. Either way the call's
// result is stored as a TOOL message, and the turn continues through chat.resume.
import type { Prisma, TenantDb } from "@tenantry/db";
import type { TChatMessageOutput, TToolDecisionInput } from "@tenantry/validators";
import { ZAgentTool } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { loadOwnConversation } from "./conversations.ts";
import { parseMetadata, toMessageOutput } from "./messages.ts";
import { runTool } from "./tools.ts";

export async function decideToolCall(
  db: TenantDb,
  actor: MemberActor,
  input: TToolDecisionInput,
): Promise<{ message: TChatMessageOutput; toolMessage: TChatMessageOutput; canResume: boolean }> {
  const conversation = await loadOwnConversation(db, actor, input.conversationId);
  // FOR UPDATE: two clicks on Confirm must not run the tool twice.
  const locked = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM assistant_messages
    WHERE organization_id = ${actor.organizationId}::uuid AND id = ${input.messageId}::uuid
      AND conversation_id = ${conversation.id}::uuid AND role = 'ASSISTANT'
    FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("Message not found");
  const row = await db.assistantMessage.findFirstOrThrow({
    where: { organizationId: actor.organizationId, id: input.messageId },
  });
  const metadata = parseMetadata(row.metadata);
  const calls = metadata.toolCalls ?? [];
  const call = calls.find((c) => c.id === input.toolCallId);
  if (!call) throw new NotFoundError("Tool call not found");
  if (call.state !== "pending") throw new ConflictError("This action was already decided");
  const tool = ZAgentTool.parse(call.tool);
  const agent = await db.agent.findFirst({
    where: { organizationId: actor.organizationId, id: conversation.agentId },
    select: { id: true, projectId: true },
  });
  if (!agent) throw new NotFoundError("Agent not found");

  let result: string;
  let state: "done" | "failed" | "declined";
  if (input.decision === "decline") {
    result = "The user declined this action.";
    state = "declined";
    await recordAudit(db, actor, {
      action: "assistant.tool.declined",
      targetType: "agent",
      targetId: agent.id,
      metadata: { tool, via: "agent", conversationId: conversation.id },
    });
  } else {
    const outcome = await runTool(
      db,
      { actor, agent, conversationId: conversation.id },
      tool,
      call.arguments,
    );
    result = outcome.result;
    state = outcome.ok ? "done" : "failed";
  }
  const toolCalls = calls.map((c) => (c.id === call.id ? { ...c, state, result } : c));
  const updated = await db.assistantMessage.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: row.id } },
    data: { metadata: { ...metadata, toolCalls } as Prisma.InputJsonObject },
  });
  const toolRow = await db.assistantMessage.create({
    data: {
      organizationId: actor.organizationId,
      conversationId: conversation.id,
      role: "TOOL",
      content: result,
      metadata: { toolCallId: call.id },
    },
  });
  await db.assistantConversation.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: conversation.id } },
    data: { lastMessageAt: toolRow.createdAt },
  });
  return {
    message: toMessageOutput(updated),
    toolMessage: toMessageOutput(toolRow),
    canResume: !toolCalls.some((c) => c.state === "pending"),
  };
}
