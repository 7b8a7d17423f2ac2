// The factory's rows of the later domains (the assistant; plans, limit overrides and usage metering), split from
// factory.ts by use case. Written over the privileged connection like the rest of the world.
import { newId } from "@tenantry/db";

import type { WorldMember } from "./factory.ts";
import { admin } from "../fixtures.ts";

async function insert(sql: string, values: unknown[]): Promise<void> {
  await admin.query(sql, values);
}

export async function createAssistantRows(
  organizationId: string,
  marker: string,
  owner: WorldMember,
  member: WorldMember,
) {
  const rows = {
    agentId: newId(),
    inactiveAgentId: newId(),
    knowledgeDocumentId: newId(),
    knowledgeChunkId: newId(),
    conversationId: newId(),
    messageId: newId(),
  };
  await insert(
    `INSERT INTO agents (id, organization_id, name, type, system_prompt, enabled_tools, active, created_by_id,
                         updated_at)
     VALUES ($1, $3, $4::text, 'documentation', $4::text, ARRAY['knowledge.search'], true, $6, now()),
            ($2, $3, $5::text, 'hr', '', '{}', false, $6, now())`,
    [
      rows.agentId,
      rows.inactiveAgentId,
      organizationId,
      `${marker} agent`,
      `${marker} retired agent`,
      owner.user.id,
    ],
  );
  await insert(
    `INSERT INTO knowledge_documents (id, organization_id, name, media_type, size, storage_key, sha256, status,
                                      chunk_count, uploaded_by_id, processed_at, updated_at)
     VALUES ($1, $2, $3, 'text/markdown', 64, $4, repeat('0', 64), 'READY', 1, $5, now(), now())`,
    [
      rows.knowledgeDocumentId,
      organizationId,
      `${marker} handbook.md`,
      `${organizationId}/knowledge/${rows.knowledgeDocumentId}`,
      owner.user.id,
    ],
  );
  const passage = `${marker} vacation policy: members take twenty days of leave each year`;
  await insert(
    `INSERT INTO knowledge_chunks (id, organization_id, document_id, position, content, search_vector)
     VALUES ($1, $2, $3, 0, $4, to_tsvector('english', $4))`,
    [rows.knowledgeChunkId, organizationId, rows.knowledgeDocumentId, passage],
  );
  await insert(
    `INSERT INTO agent_documents (organization_id, agent_id, document_id) VALUES ($1, $2, $3)`,
    [organizationId, rows.agentId, rows.knowledgeDocumentId],
  );
  await insert(
    `INSERT INTO assistant_conversations (id, organization_id, user_id, agent_id, title, last_message_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, now(), now())`,
    [rows.conversationId, organizationId, member.user.id, rows.agentId, `${marker} conversation`],
  );
  await insert(
    `INSERT INTO assistant_messages (id, organization_id, conversation_id, role, content, updated_at)
     VALUES ($1, $2, $3, 'USER', $4, now())`,
    [rows.messageId, organizationId, rows.conversationId, `${marker} how much leave do I get?`],
  );
  return rows;
}

/** A pending plan request, a limit override and one row of each usage table; returns the plan request's id. */
export async function createPlanAndUsageRows(
  organizationId: string,
  ownerId: string,
  marker: string,
): Promise<string> {
  const planRequestId = newId();
  await insert(
    `INSERT INTO plan_requests (id, organization_id, requested_by_id, from_plan, to_plan, message)
     VALUES ($1, $2, $3, 'PRO', 'ENTERPRISE', $4)`,
    [planRequestId, organizationId, ownerId, `${marker} request`],
  );
  await insert(
    `INSERT INTO organization_limit_overrides (id, organization_id, limit_key, value, reason, updated_at)
     VALUES ($1, $2, 'maxApiKeys', 60, $3, now())`,
    [newId(), organizationId, `${marker} override`],
  );
  await insert(
    `INSERT INTO api_usage_hourly (id, organization_id, hour, procedure, programmatic, status_class, count,
                                 latency_sum_ms, latency_buckets)
     VALUES ($1, $2, date_trunc('hour', now()), 'task.list', true, 2, 1, 5, '{1}')`,
    [newId(), organizationId],
  );
  await insert(
    `INSERT INTO api_usage_daily (id, organization_id, day, procedure, programmatic, status_class, count,
                                latency_sum_ms, latency_buckets)
     VALUES ($1, $2, current_date, 'task.list', true, 2, 1, 5, '{1}')`,
    [newId(), organizationId],
  );
  await insert(
    `INSERT INTO usage_ledger (id, organization_id, event_id, metric, quantity) VALUES ($1, $2, $3, 'tasks_created', 1)`,
    [newId(), organizationId, `seed:${newId()}`],
  );
  await insert(
    `INSERT INTO usage_quota_alerts (id, organization_id, quota, period, threshold)
     VALUES ($1, $2, 'api_requests', to_char(now(), 'YYYY-MM'), 80)`,
    [newId(), organizationId],
  );
  return planRequestId;
}
