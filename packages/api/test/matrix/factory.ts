// The fixture factory of the generated matrices: one organization holding one of every tenant object (and the
// objects that only exist to be reached from it: a session, a pending invitation with its token, a platform audit
// entry about it). factory.test.ts fails when a model with organizationId is added without a row here.
import { createHash, randomBytes } from "node:crypto";

import type { TMembershipRole } from "@tenantry/validators";
import { createSession } from "@tenantry/auth";
import { generateApiKey } from "@tenantry/core/organization/api-key-secret";
import { encryptSecret, generateWebhookSecret } from "@tenantry/core/webhooks/secrets";
import { newId } from "@tenantry/db";

import type { TestUser } from "../fixtures.ts";
import { admin, createUser, db } from "../fixtures.ts";
import { createAssistantRows, createPlanAndUsageRows } from "./factory-domains.ts";
import { collectIds } from "./needles.ts";

export { hiddenNeedlesOf, leaksOf, needlesOf } from "./needles.ts";

/** The built-in roles plus a custom role holding no permission at all. */
export const ROLE_KEYS = ["OWNER", "ADMIN", "MEMBER", "VIEWER", "CUSTOM_NONE"] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export interface WorldMember {
  user: TestUser;
  membershipId: string;
}

/** A task with the objects hanging off it. */
export interface WorldTask {
  id: string;
  subtaskId: string;
  commentId: string;
  attachmentId: string;
  activityId: string;
}

export interface World {
  org: { id: string; slug: string; name: string };
  /** A string in every name the factory writes, so a response naming any of them is found by substring. */
  marker: string;
  members: Record<RoleKey, WorldMember>;
  /** The custom role with no permissions (held by CUSTOM_NONE), and one granting project.read. */
  emptyRoleId: string;
  readerRoleId: string;
  teamId: string;
  tagId: string;
  /** An API key of the organization, created by the OWNER with project.read. */
  apiKeyId: string;
  /** Visible to the whole organization; in the team; has a task with a subtask, comment, attachment, activity. */
  project: { id: string; task: WorldTask };
  /** Visibility MEMBERS with only the OWNER as project member: MEMBER and VIEWER must not see it or its tasks. */
  hiddenProject: { id: string; task: WorldTask };
  invitation: { id: string; token: string; email: string };
  licenseId: string;
  /** A pending transfer from the OWNER to the ADMIN. */
  transferId: string;
  auditLogId: string;
  /** An unread notification of the MEMBER (about the open task). */
  notificationId: string;
  platformAuditLogId: string;
  /** A live session of the OWNER (to prove other users cannot revoke it). */
  ownerSessionId: string;
  webhookEndpointId: string;
  webhookDeliveryId: string;
  /** A pending plan request of the OWNER (FREE -> ENTERPRISE; the organization is on PRO). */
  planRequestId: string;
  /** The assistant domain: an active agent (the READY document attached) and a deactivated one. */
  agentId: string;
  inactiveAgentId: string;
  /** A READY knowledge document with one indexed chunk whose text contains the marker. */
  knowledgeDocumentId: string;
  knowledgeChunkId: string;
  /** The MEMBER's conversation with the active agent, holding one user message. */
  conversationId: string;
  messageId: string;
  /** Every id above plus the users', for leak checks. */
  ids: string[];
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function insert(sql: string, values: unknown[]): Promise<void> {
  await admin.query(sql, values);
}

async function createTask(
  organizationId: string,
  projectId: string,
  marker: string,
  label: string,
  author: WorldMember,
  others: WorldMember[],
  tagId: string,
): Promise<WorldTask> {
  const task: WorldTask = {
    id: newId(),
    subtaskId: newId(),
    commentId: newId(),
    attachmentId: newId(),
    activityId: newId(),
  };
  await insert(
    `INSERT INTO tasks (id, organization_id, project_id, number, title, description, due_date, estimated_hours,
                        created_by_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $7, '2026-01-15', 3.5, $6, now())`,
    [
      task.id,
      organizationId,
      projectId,
      1,
      `${marker} ${label} task`,
      author.user.id,
      `${marker} ${label} description`,
    ],
  );
  await insert(
    `INSERT INTO tasks (id, organization_id, project_id, number, title, parent_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [task.subtaskId, organizationId, projectId, 2, `${marker} ${label} subtask`, task.id],
  );
  for (const member of [author, ...others]) {
    await insert(
      `INSERT INTO task_assignees (organization_id, task_id, membership_id) VALUES ($1, $2, $3)`,
      [organizationId, task.id, member.membershipId],
    );
  }
  await insert(`INSERT INTO task_tags (organization_id, task_id, tag_id) VALUES ($1, $2, $3)`, [
    organizationId,
    task.id,
    tagId,
  ]);
  await insert(
    `INSERT INTO task_comments (id, organization_id, task_id, author_id, body) VALUES ($1, $2, $3, $4, $5)`,
    [task.commentId, organizationId, task.id, author.user.id, `${marker} ${label} comment`],
  );
  await insert(
    `INSERT INTO comment_mentions (organization_id, comment_id, membership_id) VALUES ($1, $2, $3)`,
    [organizationId, task.commentId, author.membershipId],
  );
  await insert(
    `INSERT INTO task_attachments (id, organization_id, task_id, file_name, content_type, size, storage_key, sha256,
                                   uploaded_by_id)
     VALUES ($1, $2, $3, $4, 'text/plain', 1, $5, repeat('0', 64), $6)`,
    [
      task.attachmentId,
      organizationId,
      task.id,
      `${marker} ${label}.txt`,
      `${organizationId}/${task.attachmentId}`,
      author.user.id,
    ],
  );
  await insert(
    `INSERT INTO task_activities (id, organization_id, task_id, actor_id, field, to_value)
     VALUES ($1, $2, $3, $4, 'created', $5)`,
    [
      task.activityId,
      organizationId,
      task.id,
      author.user.id,
      JSON.stringify(`${marker} ${label} created`),
    ],
  );
  return task;
}

async function addMember(
  organizationId: string,
  marker: string,
  role: TMembershipRole,
  customRoleId: string | null,
): Promise<WorldMember> {
  const user = await createUser();
  const name = `${marker} ${role.toLowerCase()}`;
  await admin.query(`UPDATE users SET name = $2 WHERE id = $1`, [user.id, name]);
  const membershipId = newId();
  await insert(
    `INSERT INTO memberships (id, organization_id, user_id, role, custom_role_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())`,
    [membershipId, organizationId, user.id, role, customRoleId],
  );
  return { user: { ...user, name }, membershipId };
}

/** An organization with one of every tenant object; every row is written over the privileged connection. */
export async function createWorld(label = "World"): Promise<World> {
  const marker = `zq${randomBytes(5).toString("hex")}`;
  const org = { id: newId(), slug: `w-${marker}`, name: `${label} ${marker}` };
  await insert(
    `INSERT INTO organizations (id, name, slug, plan, updated_at) VALUES ($1, $2, $3, 'PRO', now())`,
    [org.id, org.name, org.slug],
  );
  const emptyRoleId = newId();
  const readerRoleId = newId();
  await insert(
    `INSERT INTO roles (id, organization_id, name, description, permissions, updated_at)
     VALUES ($1, $3, $4::text, $4::text, '{}', now()), ($2, $3, $5::text, $5::text, '{project.read}', now())`,
    [emptyRoleId, readerRoleId, org.id, `${marker} empty`, `${marker} reader`],
  );
  const members = {
    OWNER: await addMember(org.id, marker, "OWNER", null),
    ADMIN: await addMember(org.id, marker, "ADMIN", null),
    MEMBER: await addMember(org.id, marker, "MEMBER", null),
    VIEWER: await addMember(org.id, marker, "VIEWER", null),
    CUSTOM_NONE: await addMember(org.id, marker, "MEMBER", emptyRoleId),
  } satisfies Record<RoleKey, WorldMember>;
  const { OWNER: owner, ADMIN: adminMember, MEMBER: member } = members;

  const teamId = newId();
  await insert(
    `INSERT INTO teams (id, organization_id, name, updated_at) VALUES ($1, $2, $3, now())`,
    [teamId, org.id, `${marker} team`],
  );
  await insert(
    `INSERT INTO team_members (id, organization_id, team_id, membership_id) VALUES ($1, $2, $3, $4)`,
    [newId(), org.id, teamId, member.membershipId],
  );
  const tagId = newId();
  await insert(
    `INSERT INTO tags (id, organization_id, name, color) VALUES ($1, $2, $3, '#1d4ed8')`,
    [tagId, org.id, `${marker} tag`],
  );
  const apiKeyId = newId();
  const apiKey = generateApiKey();
  await insert(
    `INSERT INTO api_keys (id, organization_id, name, secret_hash, hint, scopes, created_by_id)
     VALUES ($1, $2, $3, $4, $5, ARRAY['project.read'], $6)`,
    [apiKeyId, org.id, `${marker} key`, Buffer.from(apiKey.hash), apiKey.hint, owner.user.id],
  );

  const projectId = newId();
  const hiddenProjectId = newId();
  await insert(
    `INSERT INTO projects (id, organization_id, key, name, description, visibility, team_id, created_by_id,
                           task_sequence, updated_at)
     VALUES ($1, $3, 'OPEN', $4::text, $4::text, 'ORGANIZATION', $6, $7, 2, now()),
            ($2, $3, 'HIDE', $5::text, $5::text, 'MEMBERS', NULL, $7, 2, now())`,
    [
      projectId,
      hiddenProjectId,
      org.id,
      `${marker} open project`,
      `${marker} hidden project`,
      teamId,
      owner.user.id,
    ],
  );
  await insert(
    `INSERT INTO project_members (organization_id, project_id, membership_id) VALUES ($1, $2, $3), ($1, $4, $3)`,
    [org.id, projectId, owner.membershipId, hiddenProjectId],
  );
  const task = await createTask(org.id, projectId, marker, "open", owner, [member], tagId);
  const hiddenTask = await createTask(org.id, hiddenProjectId, marker, "hidden", owner, [], tagId);

  const secret = randomBytes(32).toString("base64url");
  const invitation = { id: newId(), token: "", email: `invitee-${marker}@example.test` };
  invitation.token = `${org.id}.${invitation.id}.${secret}`;
  await insert(
    `INSERT INTO invitations (id, organization_id, email, role, token_hash, expires_at, invited_by_id, updated_at)
     VALUES ($1, $2, $3, 'MEMBER', $4, now() + interval '7 days', $5, now())`,
    [invitation.id, org.id, invitation.email, sha256(secret), owner.user.id],
  );
  const licenseId = newId();
  await insert(
    `INSERT INTO licenses (id, organization_id, type, seats, expires_at, updated_at)
     VALUES ($1, $2, $3, 10, now() + interval '1 year', now())`,
    [licenseId, org.id, `${marker} lic`.slice(0, 40)],
  );
  await insert(
    `INSERT INTO license_seats (id, organization_id, license_id, membership_id) VALUES ($1, $2, $3, $4)`,
    [newId(), org.id, licenseId, member.membershipId],
  );
  const transferId = newId();
  await insert(
    `INSERT INTO ownership_transfers (id, organization_id, from_membership_id, to_membership_id, expires_at)
     VALUES ($1, $2, $3, $4, now() + interval '7 days')`,
    [transferId, org.id, owner.membershipId, adminMember.membershipId],
  );
  const auditLogId = newId();
  await insert(
    `INSERT INTO audit_logs (id, organization_id, actor_user_id, action, target_type, target_id, metadata)
     VALUES ($1, $2, $3, 'project.create', 'project', $4, $5)`,
    [
      auditLogId,
      org.id,
      owner.user.id,
      projectId,
      JSON.stringify({ name: `${marker} open project` }),
    ],
  );
  const notificationId = newId();
  await insert(
    `INSERT INTO notifications (id, organization_id, user_id, kind, actor_user_id, data)
     VALUES ($1, $2, $3, 'MENTION', $4, $5)`,
    [
      notificationId,
      org.id,
      member.user.id,
      owner.user.id,
      JSON.stringify({ taskId: task.id, taskTitle: `${marker} open task`, projectId }),
    ],
  );
  // A checkpoint as retention leaves it (its signature is not the server's: no verification test uses a world).
  await insert(
    `INSERT INTO audit_checkpoints (id, organization_id, through_seq, last_hash, purged_count, signature)
     VALUES ($1, $2, 0, repeat('0', 64), 0, repeat('0', 64))`,
    [newId(), org.id],
  );
  const platformAuditLogId = newId();
  await insert(
    `INSERT INTO platform_audit_logs (id, actor_type, action, target_type, target_id, organization_id, metadata)
     VALUES ($1, 'CLI', 'organization.suspend', 'organization', $2, $2, $3)`,
    [platformAuditLogId, org.id, JSON.stringify({ reason: `${marker} reason` })],
  );
  const webhookEndpointId = newId();
  const webhookDeliveryId = newId();
  await insert(
    `INSERT INTO webhook_endpoints (id, organization_id, url, description, event_types, secret_enc, updated_at)
     VALUES ($1, $2, $3, $4, ARRAY['task.created'], $5, now())`,
    [
      webhookEndpointId,
      org.id,
      `https://hooks.example.test/${marker}`,
      `${marker} endpoint`,
      encryptSecret(generateWebhookSecret()),
    ],
  );
  await insert(
    `INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, event_type, payload, status,
                                     attempt_count, updated_at)
     VALUES ($1, $2, $3, $4, 'task.created', $5, 'SUCCEEDED', 1, now())`,
    [
      webhookDeliveryId,
      org.id,
      webhookEndpointId,
      `evt_${marker}`.slice(0, 64),
      JSON.stringify({ type: "task.created", data: { task: { id: task.id } } }),
    ],
  );
  await insert(
    `INSERT INTO webhook_attempts (id, organization_id, delivery_id, attempt, request_headers, request_body,
                                   response_status, duration_ms)
     VALUES ($1, $2, $3, 1, '{}', '{}', 200, 5)`,
    [newId(), org.id, webhookDeliveryId],
  );
  // A kept REST answer naming the marker: a replay must never reach another organization's caller.
  await insert(
    `INSERT INTO idempotency_keys (id, organization_id, credential, key, fingerprint, state, response_status,
                                   response_headers, response_body, expires_at)
     VALUES ($1, $2, $3, $4, 'f', 'done', 201, '{}', $5, now() + interval '1 day')`,
    [
      newId(),
      org.id,
      `user:${owner.user.id}`,
      `idem-${marker}`,
      JSON.stringify({ name: `${marker} idempotent` }),
    ],
  );
  await insert(
    `INSERT INTO job_outbox (id, organization_id, name, actor, data) VALUES ($1, $2, 'event.dispatch', $3, '{}')`,
    [newId(), org.id, JSON.stringify({ userId: owner.user.id })],
  );
  const planRequestId = await createPlanAndUsageRows(org.id, owner.user.id, marker);
  const assistant = await createAssistantRows(org.id, marker, owner, member);
  const session = await createSession(db, {
    userId: owner.user.id,
    kind: "WEB",
    client: { ip: "", userAgent: "factory" },
  });

  const world: Omit<World, "ids"> = {
    org,
    marker,
    members,
    emptyRoleId,
    readerRoleId,
    teamId,
    tagId,
    apiKeyId,
    project: { id: projectId, task },
    hiddenProject: { id: hiddenProjectId, task: hiddenTask },
    invitation,
    licenseId,
    transferId,
    auditLogId,
    notificationId,
    platformAuditLogId,
    ownerSessionId: session.id,
    webhookEndpointId,
    webhookDeliveryId,
    planRequestId,
    ...assistant,
  };
  return { ...world, ids: collectIds(world) };
}
