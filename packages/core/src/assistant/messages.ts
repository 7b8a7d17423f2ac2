// Messages of a conversation: reading history (pages back from the newest) and the stored shape. Metadata is
// JSON in the table, parsed with its schema on every read so a malformed row never reaches a client.
import type { AssistantMessageModel as AssistantMessage, Prisma, TenantDb } from "@tenantry/db";
import type {
  TChatMessageOutput,
  TListMessagesInput,
  TMessageMetadata,
} from "@tenantry/validators";
import { ZMessageMetadata } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { loadReadableConversation } from "./conversations.ts";

export function parseMetadata(value: Prisma.JsonValue): TMessageMetadata {
  const parsed = ZMessageMetadata.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export function toMessageOutput(row: AssistantMessage): TChatMessageOutput {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    status: row.status,
    metadata: parseMetadata(row.metadata),
    createdAt: row.createdAt,
  };
}

/** A page of history, oldest first; `nextCursor` leads to the older messages before it. */
export async function listMessages(
  db: TenantDb,
  actor: MemberActor,
  input: TListMessagesInput & { limit: number },
): Promise<{ items: TChatMessageOutput[]; nextCursor: string | null }> {
  const { conversation } = await loadReadableConversation(db, actor, input.conversationId);
  const where = { organizationId: actor.organizationId, conversationId: conversation.id };
  const cursorRow = input.cursor
    ? await db.assistantMessage.findFirst({
        where: { ...where, id: input.cursor },
        select: { id: true, createdAt: true },
      })
    : null;
  const rows = await db.assistantMessage.findMany({
    where: {
      ...where,
      ...(cursorRow
        ? {
            OR: [
              { createdAt: { lt: cursorRow.createdAt } },
              { createdAt: cursorRow.createdAt, id: { lt: cursorRow.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const oldest = items.at(-1);
  return {
    items: items.reverse().map(toMessageOutput),
    nextCursor: rows.length > input.limit && oldest ? oldest.id : null,
  };
}

/** The latest messages of a conversation, oldest first: the model's view of the history. */
export async function recentMessages(
  db: TenantDb,
  organizationId: string,
  conversationId: string,
  take: number,
): Promise<AssistantMessage[]> {
  const rows = await db.assistantMessage.findMany({
    where: { organizationId, conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.reverse();
}
