// Writes one row into every tenant table for an organization, over the privileged (owner) connection, so the
// database guarantees can be checked against data that really exists. The guarantees test fails for a tenant table
// this seed leaves empty, so a new table needs a line here.
import type pg from "pg";

import { newId } from "../src/id.ts";

export interface SeededTenant {
  org: string;
  user: string;
  membership: string;
  auditLog: string;
  activity: string;
}

export async function seedTenant(admin: pg.Pool): Promise<SeededTenant> {
  const t = {
    org: newId(),
    user: newId(),
    membership: newId(),
    auditLog: newId(),
    activity: newId(),
  };
  const [role, team, license, project, task, tag, comment] = Array.from({ length: 7 }, newId);
  const run = (sql: string, values: unknown[]) => admin.query(sql, values);
  await run(
    `INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, 'Org', $2, now())`,
    [t.org, `g-${t.org.slice(-12)}`],
  );
  await run(`INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, 'U', now())`, [
    t.user,
    `${t.user}@example.test`,
  ]);
  await run(
    `INSERT INTO roles (id, organization_id, name, permissions, updated_at) VALUES ($1, $2, 'R', '{}', now())`,
    [role, t.org],
  );
  await run(
    `INSERT INTO memberships (id, organization_id, user_id, role, updated_at)
     VALUES ($1, $2, $3, 'OWNER', now())`,
    [t.membership, t.org, t.user],
  );
  await run(
    `INSERT INTO invitations (id, organization_id, email, token_hash, expires_at, updated_at)
     VALUES ($1, $2, 'i@example.test', repeat('0', 64), now() + interval '7 days', now())`,
    [newId(), t.org],
  );
  await run(
    `INSERT INTO teams (id, organization_id, name, updated_at) VALUES ($1, $2, 'T', now())`,
    [team, t.org],
  );
  await run(
    `INSERT INTO team_members (id, organization_id, team_id, membership_id) VALUES ($1, $2, $3, $4)`,
    [newId(), t.org, team, t.membership],
  );
  await run(
    `INSERT INTO licenses (id, organization_id, type, seats, updated_at) VALUES ($1, $2, 'STANDARD', 5, now())`,
    [license, t.org],
  );
  await run(
    `INSERT INTO license_seats (id, organization_id, license_id, membership_id) VALUES ($1, $2, $3, $4)`,
    [newId(), t.org, license, t.membership],
  );
  await run(
    `INSERT INTO ownership_transfers (id, organization_id, from_membership_id, to_membership_id, expires_at)
     VALUES ($1, $2, $3, $3, now() + interval '7 days')`,
    [newId(), t.org, t.membership],
  );
  await run(
    `INSERT INTO projects (id, organization_id, key, name, team_id, updated_at) VALUES ($1, $2, 'P', 'P', $3, now())`,
    [project, t.org, team],
  );
  await run(
    `INSERT INTO project_members (organization_id, project_id, membership_id) VALUES ($1, $2, $3)`,
    [t.org, project, t.membership],
  );
  await run(
    `INSERT INTO tasks (id, organization_id, project_id, number, title, updated_at) VALUES ($1, $2, $3, 1, 'T', now())`,
    [task, t.org, project],
  );
  await run(
    `INSERT INTO task_assignees (organization_id, task_id, membership_id) VALUES ($1, $2, $3)`,
    [t.org, task, t.membership],
  );
  await run(
    `INSERT INTO tags (id, organization_id, name, color) VALUES ($1, $2, 'bug', '#ff0000')`,
    [tag, t.org],
  );
  await run(`INSERT INTO task_tags (organization_id, task_id, tag_id) VALUES ($1, $2, $3)`, [
    t.org,
    task,
    tag,
  ]);
  await run(
    `INSERT INTO task_comments (id, organization_id, task_id, body) VALUES ($1, $2, $3, 'hi')`,
    [comment, t.org, task],
  );
  await run(
    `INSERT INTO comment_mentions (organization_id, comment_id, membership_id) VALUES ($1, $2, $3)`,
    [t.org, comment, t.membership],
  );
  await run(
    `INSERT INTO task_attachments (id, organization_id, task_id, file_name, content_type, size, storage_key, sha256)
     VALUES ($1, $2, $3, 'a.txt', 'text/plain', 1, 'key', repeat('0', 64))`,
    [newId(), t.org, task],
  );
  await run(
    `INSERT INTO task_activities (id, organization_id, task_id, field) VALUES ($1, $2, $3, 'created')`,
    [t.activity, t.org, task],
  );
  await run(
    `INSERT INTO audit_logs (id, organization_id, actor_user_id, action, target_type)
     VALUES ($1, $2, $3, 'project.create', 'project')`,
    [t.auditLog, t.org, t.user],
  );
  await run(
    `INSERT INTO notifications (id, organization_id, user_id, kind, data) VALUES ($1, $2, $3, 'MENTION', '{}')`,
    [newId(), t.org, t.user],
  );
  const endpoint = newId();
  const delivery = newId();
  await run(
    `INSERT INTO webhook_endpoints (id, organization_id, url, event_types, secret_enc, updated_at)
     VALUES ($1, $2, 'https://hooks.example.test/', ARRAY['task.created'], 'v1:x', now())`,
    [endpoint, t.org],
  );
  await run(
    `INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, event_type, payload, updated_at)
     VALUES ($1, $2, $3, 'evt_1', 'task.created', '{}', now())`,
    [delivery, t.org, endpoint],
  );
  await run(
    `INSERT INTO webhook_attempts (id, organization_id, delivery_id, attempt, request_headers, request_body,
                                   duration_ms)
     VALUES ($1, $2, $3, 1, '{}', '{}', 1)`,
    [newId(), t.org, delivery],
  );
  await run(
    `INSERT INTO idempotency_keys (id, organization_id, credential, key, fingerprint, state, expires_at)
     VALUES ($1, $2, 'user:x', 'k', 'f', 'running', now() + interval '1 day')`,
    [newId(), t.org],
  );
  await run(
    `INSERT INTO job_outbox (id, organization_id, name, actor, data) VALUES ($1, $2, 'event.dispatch', '{}', '{}')`,
    [newId(), t.org],
  );
  await run(
    `INSERT INTO api_usage_hourly (id, organization_id, hour, procedure, programmatic, status_class, count,
                                 latency_sum_ms, latency_buckets)
     VALUES ($1, $2, date_trunc('hour', now()), 'task.list', true, 2, 1, 5, '{1}')`,
    [newId(), t.org],
  );
  await run(
    `INSERT INTO api_usage_daily (id, organization_id, day, procedure, programmatic, status_class, count,
                                latency_sum_ms, latency_buckets)
     VALUES ($1, $2, current_date, 'task.list', true, 2, 1, 5, '{1}')`,
    [newId(), t.org],
  );
  await run(
    `INSERT INTO usage_ledger (id, organization_id, event_id, metric, quantity) VALUES ($1, $2, $3, 'tasks_created', 1)`,
    [newId(), t.org, `seed:${newId()}`],
  );
  await run(
    `INSERT INTO usage_quota_alerts (id, organization_id, quota, period, threshold)
     VALUES ($1, $2, 'api_requests', to_char(now(), 'YYYY-MM'), 80)`,
    [newId(), t.org],
  );
  await run(
    `INSERT INTO api_keys (id, organization_id, name, secret_hash, hint, scopes, created_by_id)
     VALUES ($1, $2, 'K', sha256(convert_to(random()::text, 'UTF8')), 'abcd', '{}', $3)`,
    [newId(), t.org, t.user],
  );
  await run(
    `INSERT INTO organization_limit_overrides (id, organization_id, limit_key, value, updated_at)
     VALUES ($1, $2, 'maxProjects', 10, now())`,
    [newId(), t.org],
  );
  await run(
    `INSERT INTO plan_requests (id, organization_id, requested_by_id, from_plan, to_plan)
     VALUES ($1, $2, $3, 'FREE', 'PRO')`,
    [newId(), t.org, t.user],
  );
  await run(
    `INSERT INTO audit_checkpoints (id, organization_id, through_seq, last_hash, purged_count, signature)
     VALUES ($1, $2, 0, repeat('0', 64), 0, repeat('0', 64))`,
    [newId(), t.org],
  );
  // The assistant domain: an agent with one attached, indexed document and a conversation with one message.
  const [agent, document, conversation] = [newId(), newId(), newId()];
  await run(
    `INSERT INTO agents (id, organization_id, project_id, name, type, created_by_id, updated_at)
     VALUES ($1, $2, $3, 'Helper', 'documentation', $4, now())`,
    [agent, t.org, project, t.user],
  );
  await run(
    `INSERT INTO knowledge_documents (id, organization_id, name, media_type, size, storage_key, sha256, updated_at)
     VALUES ($1, $2, 'guide.md', 'text/markdown', 1, 'key', repeat('0', 64), now())`,
    [document, t.org],
  );
  await run(
    `INSERT INTO agent_documents (organization_id, agent_id, document_id) VALUES ($1, $2, $3)`,
    [t.org, agent, document],
  );
  await run(
    `INSERT INTO knowledge_chunks (id, organization_id, document_id, position, content, search_vector)
     VALUES ($1, $2, $3, 0, 'hello', to_tsvector('english', 'hello'))`,
    [newId(), t.org, document],
  );
  await run(
    `INSERT INTO assistant_conversations (id, organization_id, user_id, agent_id, updated_at)
     VALUES ($1, $2, $3, $4, now())`,
    [conversation, t.org, t.user, agent],
  );
  await run(
    `INSERT INTO assistant_messages (id, organization_id, conversation_id, role, content, updated_at)
     VALUES ($1, $2, $3, 'USER', 'hi', now())`,
    [newId(), t.org, conversation],
  );
  await run(
    `INSERT INTO platform_audit_logs (id, actor_type, action, target_type, target_id, organization_id)
     VALUES ($1, 'CLI', 'organization.suspend', 'organization', $2, $2)`,
    [newId(), t.org],
  );
  return t;
}
