// Conversations: each belongs to one user in one organization and only that user sees it. Holders of agent.audit
// may read every member's for compliance, through separate calls that write an audit entry for each read.
import type { Prisma, TenantDb } from "@tenantry/db";
import type {
  TArchiveConversationInput,
  TAuditConversationsInput,
  TConversationOutput,
  TCreateConversationInput,
  TListConversationsInput,
  TRenameConversationInput,
} from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { NotFoundError, PreconditionFailedError } from "../errors.ts";
import { olderThan } from "../page.ts";

const conversationInclude = { agent: { select: { name: true } } } as const;
type ConversationRow = Prisma.AssistantConversationGetPayload<{
  include: typeof conversationInclude;
}>;

export function toConversationOutput(row: ConversationRow): TConversationOutput {
  return {
    id: row.id,
    agentId: row.agentId,
    agentName: row.agent.name,
    userId: row.userId,
    title: row.title,
    archived: row.archivedAt !== null,
    lastMessageAt: row.lastMessageAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The actor's own conversation, or NOT_FOUND (another user's and another tenant's alike). */
export async function loadOwnConversation(
  db: TenantDb,
  actor: MemberActor,
  conversationId: string,
): Promise<ConversationRow> {
  const row = await db.assistantConversation.findFirst({
    where: { organizationId: actor.organizationId, id: conversationId, userId: actor.userId },
    include: conversationInclude,
  });
  if (!row) throw new NotFoundError("Conversation not found");
  return row;
}

/**
 * A conversation the actor may read: their own, or — holding agent.audit — any of the organization's, in which
 * case the read is audited (`audited: true`).
 */
export async function loadReadableConversation(
  db: TenantDb,
  actor: MemberActor,
  conversationId: string,
): Promise<{ conversation: ConversationRow; audited: boolean }> {
  const row = await db.assistantConversation.findFirst({
    where: { organizationId: actor.organizationId, id: conversationId },
    include: conversationInclude,
  });
  if (!row) throw new NotFoundError("Conversation not found");
  if (row.userId === actor.userId) return { conversation: row, audited: false };
  if (!actor.membership.permissions.has("agent.audit")) {
    throw new NotFoundError("Conversation not found");
  }
  await recordAudit(db, actor, {
    action: "assistant.conversation.read",
    targetType: "assistant_conversation",
    targetId: row.id,
    metadata: { ownerUserId: row.userId, agentId: row.agentId },
  });
  return { conversation: row, audited: true };
}

/** One conversation: the actor's own, or (agent.audit) any of the organization's, that read audited. */
export async function getConversation(
  db: TenantDb,
  actor: MemberActor,
  conversationId: string,
): Promise<TConversationOutput> {
  const { conversation } = await loadReadableConversation(db, actor, conversationId);
  return toConversationOutput(conversation);
}

export async function createConversation(
  db: TenantDb,
  actor: MemberActor,
  input: TCreateConversationInput,
): Promise<TConversationOutput> {
  const agent = await db.agent.findFirst({
    where: { organizationId: actor.organizationId, id: input.agentId },
    select: { id: true, active: true },
  });
  if (!agent) throw new NotFoundError("Agent not found");
  if (!agent.active) throw new PreconditionFailedError("This agent is deactivated");
  const row = await db.assistantConversation.create({
    data: {
      organizationId: actor.organizationId,
      userId: actor.userId,
      agentId: agent.id,
      title: input.title?.trim() ?? "",
    },
    include: conversationInclude,
  });
  return toConversationOutput(row);
}

export async function renameConversation(
  db: TenantDb,
  actor: MemberActor,
  input: TRenameConversationInput,
): Promise<TConversationOutput> {
  const own = await loadOwnConversation(db, actor, input.conversationId);
  const row = await db.assistantConversation.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: own.id } },
    data: { title: input.title.trim() },
    include: conversationInclude,
  });
  return toConversationOutput(row);
}

export async function archiveConversation(
  db: TenantDb,
  actor: MemberActor,
  input: TArchiveConversationInput,
): Promise<TConversationOutput> {
  const own = await loadOwnConversation(db, actor, input.conversationId);
  const row = await db.assistantConversation.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: own.id } },
    data: { archivedAt: input.archived ? (own.archivedAt ?? new Date()) : null },
    include: conversationInclude,
  });
  return toConversationOutput(row);
}

/** Deletes the conversation and its messages (cascade). Token usage stays counted: see quota.ts. */
export async function deleteConversation(
  db: TenantDb,
  actor: MemberActor,
  conversationId: string,
): Promise<{ id: string }> {
  const own = await loadOwnConversation(db, actor, conversationId);
  await db.assistantConversation.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id: own.id } },
  });
  return { id: own.id };
}

async function page(
  db: TenantDb,
  where: Prisma.AssistantConversationWhereInput,
  input: { cursor?: string | null; limit: number },
): Promise<{ items: TConversationOutput[]; nextCursor: string | null }> {
  const cursorRow = input.cursor
    ? await db.assistantConversation.findFirst({
        where: { ...where, id: input.cursor },
        select: { id: true, createdAt: true },
      })
    : null;
  const rows = await db.assistantConversation.findMany({
    where: { ...where, ...(cursorRow ? olderThan(cursorRow) : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    include: conversationInclude,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(toConversationOutput),
    nextCursor: rows.length > input.limit && last ? last.id : null,
  };
}

/** The actor's own conversations, newest first. */
export function listConversations(
  db: TenantDb,
  actor: MemberActor,
  input: TListConversationsInput & { limit: number },
) {
  return page(
    db,
    {
      organizationId: actor.organizationId,
      userId: actor.userId,
      archivedAt: input.archived ? { not: null } : null,
    },
    input,
  );
}

/** Every member's conversations (agent.audit, checked by the transport); the listing itself is audited. */
export async function auditConversations(
  db: TenantDb,
  actor: MemberActor,
  input: TAuditConversationsInput & { limit: number },
) {
  await recordAudit(db, actor, {
    action: "assistant.conversation.list_all",
    targetType: "organization",
    targetId: actor.organizationId,
    metadata: { userId: input.userId ?? null },
  });
  return page(
    db,
    {
      organizationId: actor.organizationId,
      ...(input.userId ? { userId: input.userId } : {}),
    },
    input,
  );
}
