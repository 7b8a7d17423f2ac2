// Proves tenant isolation in the database itself: the application role, the policies and the tenant transaction.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "./client.ts";
import type { TestDatabase } from "./testing/index.ts";
import { createDb } from "./client.ts";
import { newId } from "./id.ts";
import { withTenantTransaction } from "./tenant.ts";
import { provisionTestDatabase } from "./testing/index.ts";

/** Every table that holds tenant data; the catalog test below fails when a new one is missing here. */
const TENANT_TABLES = [
  "agent_documents",
  "agents",
  "api_keys",
  "api_usage_daily",
  "api_usage_hourly",
  "assistant_conversations",
  "assistant_messages",
  "audit_checkpoints",
  "audit_logs",
  "comment_mentions",
  "idempotency_keys",
  "invitations",
  "job_outbox",
  "knowledge_chunks",
  "knowledge_documents",
  "license_seats",
  "licenses",
  "memberships",
  "notifications",
  "organization_limit_overrides",
  "ownership_transfers",
  "plan_requests",
  "project_members",
  "projects",
  "roles",
  "tags",
  "task_activities",
  "task_assignees",
  "task_attachments",
  "task_comments",
  "task_tags",
  "tasks",
  "team_members",
  "teams",
  "usage_ledger",
  "usage_quota_alerts",
  "webhook_attempts",
  "webhook_deliveries",
  "webhook_endpoints",
];

/**
 * Platform-level tables that carry organization_id only to name the organization an entry is about; not tenant
 * data, so no tenant sees them. RLS is still enabled and forced (platform admins only, see their tests below).
 */
const PLATFORM_TABLES = ["platform_audit_logs"];

let database: TestDatabase;
let admin: pg.Pool;
let app: pg.Pool;
let db: Db;
const A = { org: newId(), user: newId(), project: newId() };
const B = { org: newId(), user: newId(), project: newId() };
/** A platform admin (users.platform_role = ADMIN) with one platform audit entry about tenant A. */
const P = { admin: newId(), entry: newId() };

beforeAll(async () => {
  database = await provisionTestDatabase({ label: "rls" });
  admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
  app = new pg.Pool({ connectionString: database.appUrl, max: 2 });
  db = createDb({ connectionString: database.appUrl, poolMax: 2 });
  for (const t of [A, B]) {
    await admin.query(
      `INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, $2, $3, now())`,
      [t.org, `Org ${t.org}`, `s-${t.org.slice(-12)}`],
    );
    await admin.query(
      `INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, 'U', now())`,
      [t.user, `${t.user}@example.test`],
    );
    const membership = newId();
    await admin.query(
      `INSERT INTO memberships (id, organization_id, user_id, role, updated_at) VALUES ($1, $2, $3, 'OWNER', now())`,
      [membership, t.org, t.user],
    );
    await admin.query(
      `INSERT INTO roles (id, organization_id, name, permissions, updated_at) VALUES ($1, $2, 'R', '{project.read}', now())`,
      [newId(), t.org],
    );
    await admin.query(
      `INSERT INTO invitations (id, organization_id, email, token_hash, expires_at, updated_at)
       VALUES ($1, $2, 'i@example.test', repeat('0', 64), now() + interval '7 days', now())`,
      [newId(), t.org],
    );
    const team = newId();
    await admin.query(
      `INSERT INTO teams (id, organization_id, name, updated_at) VALUES ($1, $2, 'T', now())`,
      [team, t.org],
    );
    await admin.query(
      `INSERT INTO team_members (id, organization_id, team_id, membership_id) VALUES ($1, $2, $3, $4)`,
      [newId(), t.org, team, membership],
    );
    const endpoint = newId();
    const delivery = newId();
    await admin.query(
      `INSERT INTO webhook_endpoints (id, organization_id, url, event_types, secret_enc, updated_at)
       VALUES ($1, $2, 'https://hooks.example.test/', ARRAY['task.created'], 'v1:x', now())`,
      [endpoint, t.org],
    );
    await admin.query(
      `INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, event_type, payload, updated_at)
       VALUES ($1, $2, $3, 'evt_1', 'task.created', '{}', now())`,
      [delivery, t.org, endpoint],
    );
    await admin.query(
      `INSERT INTO webhook_attempts (id, organization_id, delivery_id, attempt, request_headers, request_body,
                                     duration_ms)
       VALUES ($1, $2, $3, 1, '{}', '{}', 1)`,
      [newId(), t.org, delivery],
    );
    await admin.query(
      `INSERT INTO api_keys (id, organization_id, name, secret_hash, hint, scopes, created_by_id)
       VALUES ($1, $2, 'K', sha256(convert_to(random()::text, 'UTF8')), 'abcd', '{}', $3)`,
      [newId(), t.org, t.user],
    );
    await admin.query(
      `INSERT INTO organization_limit_overrides (id, organization_id, limit_key, value, updated_at)
       VALUES ($1, $2, 'maxProjects', 10, now())`,
      [newId(), t.org],
    );
    await admin.query(
      `INSERT INTO plan_requests (id, organization_id, requested_by_id, from_plan, to_plan)
       VALUES ($1, $2, $3, 'FREE', 'PRO')`,
      [newId(), t.org, t.user],
    );
    await admin.query(
      `INSERT INTO notifications (id, organization_id, user_id, kind, data) VALUES ($1, $2, $3, 'MENTION', '{}')`,
      [newId(), t.org, t.user],
    );
    await admin.query(
      `INSERT INTO audit_checkpoints (id, organization_id, through_seq, last_hash, purged_count, signature)
       VALUES ($1, $2, 0, repeat('0', 64), 0, repeat('0', 64))`,
      [newId(), t.org],
    );
    await admin.query(
      `INSERT INTO idempotency_keys (id, organization_id, credential, key, fingerprint, state, expires_at)
       VALUES ($1, $2, 'user:x', 'k', 'f', 'running', now() + interval '1 day')`,
      [newId(), t.org],
    );
    await admin.query(
      `INSERT INTO job_outbox (id, organization_id, name, actor, data) VALUES ($1, $2, 'event.dispatch', '{}', '{}')`,
      [newId(), t.org],
    );
    await admin.query(
      `INSERT INTO api_usage_hourly (id, organization_id, hour, procedure, programmatic, status_class, count,
                                   latency_sum_ms, latency_buckets)
       VALUES ($1, $2, date_trunc('hour', now()), 'task.list', true, 2, 1, 5, '{1}')`,
      [newId(), t.org],
    );
    await admin.query(
      `INSERT INTO api_usage_daily (id, organization_id, day, procedure, programmatic, status_class, count,
                                  latency_sum_ms, latency_buckets)
       VALUES ($1, $2, current_date, 'task.list', true, 2, 1, 5, '{1}')`,
      [newId(), t.org],
    );
    await admin.query(
      `INSERT INTO usage_ledger (id, organization_id, event_id, metric, quantity) VALUES ($1, $2, $3, 'tasks_created', 1)`,
      [newId(), t.org, `seed:${newId()}`],
    );
    await admin.query(
      `INSERT INTO usage_quota_alerts (id, organization_id, quota, period, threshold)
       VALUES ($1, $2, 'api_requests', to_char(now(), 'YYYY-MM'), 80)`,
      [newId(), t.org],
    );
    const license = newId();
    await admin.query(
      `INSERT INTO licenses (id, organization_id, type, seats, updated_at) VALUES ($1, $2, 'STANDARD', 5, now())`,
      [license, t.org],
    );
    await admin.query(
      `INSERT INTO license_seats (id, organization_id, license_id, membership_id) VALUES ($1, $2, $3, $4)`,
      [newId(), t.org, license, membership],
    );
    await admin.query(
      `INSERT INTO ownership_transfers (id, organization_id, from_membership_id, to_membership_id, expires_at)
       VALUES ($1, $2, $3, $3, now() + interval '7 days')`,
      [newId(), t.org, membership],
    );
    await admin.query(
      `INSERT INTO projects (id, organization_id, key, name, updated_at) VALUES ($1, $2, 'P', 'P', now())`,
      [t.project, t.org],
    );
    // One row in every work-domain table, linked through composite keys.
    const task = newId();
    const tag = newId();
    const comment = newId();
    await admin.query(
      `INSERT INTO project_members (organization_id, project_id, membership_id) VALUES ($1, $2, $3)`,
      [t.org, t.project, membership],
    );
    await admin.query(
      `INSERT INTO tasks (id, organization_id, project_id, number, title, updated_at) VALUES ($1, $2, $3, 1, 'T', now())`,
      [task, t.org, t.project],
    );
    await admin.query(
      `INSERT INTO task_assignees (organization_id, task_id, membership_id) VALUES ($1, $2, $3)`,
      [t.org, task, membership],
    );
    await admin.query(
      `INSERT INTO tags (id, organization_id, name, color) VALUES ($1, $2, 'bug', '#ff0000')`,
      [tag, t.org],
    );
    await admin.query(
      `INSERT INTO task_tags (organization_id, task_id, tag_id) VALUES ($1, $2, $3)`,
      [t.org, task, tag],
    );
    await admin.query(
      `INSERT INTO task_comments (id, organization_id, task_id, body) VALUES ($1, $2, $3, 'hi')`,
      [comment, t.org, task],
    );
    await admin.query(
      `INSERT INTO comment_mentions (organization_id, comment_id, membership_id) VALUES ($1, $2, $3)`,
      [t.org, comment, membership],
    );
    await admin.query(
      `INSERT INTO task_attachments (id, organization_id, task_id, file_name, content_type, size, storage_key, sha256)
       VALUES ($1, $2, $3, 'a.txt', 'text/plain', 1, 'key', repeat('0', 64))`,
      [newId(), t.org, task],
    );
    await admin.query(
      `INSERT INTO task_activities (id, organization_id, task_id, field) VALUES ($1, $2, $3, 'created')`,
      [newId(), t.org, task],
    );
    await admin.query(
      `INSERT INTO audit_logs (id, organization_id, action, target_type) VALUES ($1, $2, 'project.create', 'project')`,
      [newId(), t.org],
    ); // The assistant domain: an agent with one attached, indexed document and a conversation with one message.
    const [agent, document, conversation] = [newId(), newId(), newId()];
    await admin.query(
      `INSERT INTO agents (id, organization_id, project_id, name, type, created_by_id, updated_at)
       VALUES ($1, $2, $3, 'Helper', 'documentation', $4, now())`,
      [agent, t.org, t.project, t.user],
    );
    await admin.query(
      `INSERT INTO knowledge_documents (id, organization_id, name, media_type, size, storage_key, sha256, updated_at)
       VALUES ($1, $2, 'guide.md', 'text/markdown', 1, 'key', repeat('0', 64), now())`,
      [document, t.org],
    );
    await admin.query(
      `INSERT INTO agent_documents (organization_id, agent_id, document_id) VALUES ($1, $2, $3)`,
      [t.org, agent, document],
    );
    await admin.query(
      `INSERT INTO knowledge_chunks (id, organization_id, document_id, position, content, search_vector)
       VALUES ($1, $2, $3, 0, 'hello', to_tsvector('english', 'hello'))`,
      [newId(), t.org, document],
    );
    await admin.query(
      `INSERT INTO assistant_conversations (id, organization_id, user_id, agent_id, updated_at)
       VALUES ($1, $2, $3, $4, now())`,
      [conversation, t.org, t.user, agent],
    );
    await admin.query(
      `INSERT INTO assistant_messages (id, organization_id, conversation_id, role, content, updated_at)
       VALUES ($1, $2, $3, 'USER', 'hi', now())`,
      [newId(), t.org, conversation],
    );
  }
  await admin.query(
    `INSERT INTO users (id, email, name, platform_role, updated_at) VALUES ($1, $2, 'P', 'ADMIN', now())`,
    [P.admin, `${P.admin}@example.test`],
  );
  await admin.query(
    `INSERT INTO platform_audit_logs (id, actor_user_id, action, target_type, target_id, organization_id)
     VALUES ($1, $2, 'organization.suspend', 'organization', $3, $3)`,
    [P.entry, P.admin, A.org],
  );
});

afterAll(async () => {
  await db.$disconnect();
  await app.end();
  await admin.end();
  await database.drop();
});

/** Runs `fn` in a transaction on the app connection as the application role with the given settings. */
async function asApp<T>(
  settings: { org?: string; user?: string; platformAdmin?: boolean },
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    // The embedded backend logs in as superuser; switching role is what the tenant transaction does too.
    await client.query("SELECT set_config('role', 'tenantry_app', true)");
    if (settings.org)
      await client.query("SELECT set_config('app.org_id', $1, true)", [settings.org]);
    if (settings.user)
      await client.query("SELECT set_config('app.user_id', $1, true)", [settings.user]);
    if (settings.platformAdmin)
      await client.query("SELECT set_config('app.platform_admin', 'on', true)");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

const count = async (client: pg.PoolClient, table: string) =>
  (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;

describe("row-level security", () => {
  it("connects the application as a role that is neither superuser nor BYPASSRLS", async () => {
    const { rows } = await asApp({}, (c) =>
      c.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"),
    );
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    if (database.backend === "server") {
      // On a real server the login role itself is unprivileged, before any SET ROLE.
      const direct = await app.query(
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
      );
      expect(direct.rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    }
  });

  it("shows zero rows of every tenant table when no tenant is set", async () => {
    for (const table of [...TENANT_TABLES, ...PLATFORM_TABLES, "organizations"]) {
      expect(await asApp({}, (c) => count(c, table)), table).toBe(0);
      const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0]?.n, `${table} has fixture rows`).toBeGreaterThan(0);
    }
    if (database.backend === "server") {
      for (const table of [...TENANT_TABLES, "organizations"]) {
        const { rows } = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
        expect(rows[0]?.n, `${table} via the login role`).toBe(0);
      }
    }
  });

  it("shows only tenant A's rows when A is set", async () => {
    const seen = await asApp({ org: A.org }, async (c) => ({
      projects: (await c.query("SELECT id, organization_id FROM projects")).rows,
      memberships: (await c.query("SELECT organization_id FROM memberships")).rows,
      organizations: (await c.query("SELECT id FROM organizations")).rows,
    }));
    expect(seen.projects).toEqual([{ id: A.project, organization_id: A.org }]);
    expect(seen.memberships).toEqual([{ organization_id: A.org }]);
    expect(seen.organizations).toEqual([{ id: A.org }]);
  });

  it("lets a user see their own memberships and organizations but nothing else before a tenant is chosen", async () => {
    const seen = await asApp({ user: A.user }, async (c) => ({
      memberships: (await c.query("SELECT organization_id FROM memberships")).rows,
      organizations: (await c.query("SELECT id FROM organizations")).rows,
      projects: await count(c, "projects"),
    }));
    expect(seen.memberships).toEqual([{ organization_id: A.org }]);
    expect(seen.organizations).toEqual([{ id: A.org }]);
    expect(seen.projects).toBe(0);
  });

  it("refuses an insert that names tenant B while A is set", async () => {
    const error = await asApp({ org: A.org }, (c) =>
      c.query(
        `INSERT INTO projects (id, organization_id, key, name, updated_at) VALUES ($1, $2, 'X', 'x', now())`,
        [newId(), B.org],
      ),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "42501" });
  });

  it("refuses an update that moves a row to tenant B, and cannot touch B's rows", async () => {
    const moved = await asApp({ org: A.org }, (c) =>
      c.query("UPDATE projects SET organization_id = $1 WHERE id = $2", [B.org, A.project]),
    ).catch((e: unknown) => e);
    expect(moved).toMatchObject({ code: "42501" });

    const touched = await asApp({ org: A.org }, async (c) => ({
      updated: (await c.query("UPDATE projects SET name = 'pwned' WHERE id = $1", [B.project]))
        .rowCount,
      deleted: (await c.query("DELETE FROM projects WHERE id = $1", [B.project])).rowCount,
      membership: (await c.query("DELETE FROM memberships WHERE organization_id = $1", [B.org]))
        .rowCount,
    }));
    expect(touched).toEqual({ updated: 0, deleted: 0, membership: 0 });
    const { rows } = await admin.query("SELECT name FROM projects WHERE id = $1", [B.project]);
    expect(rows).toEqual([{ name: "P" }]);
  });

  it("does not leak the tenant setting past the transaction on a pooled connection", async () => {
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('role', 'tenantry_app', true)");
      await client.query("SELECT set_config('app.org_id', $1, true)", [A.org]);
      expect(await count(client, "projects")).toBe(1);
      await client.query("COMMIT");
      await client.query("BEGIN");
      await client.query("SELECT set_config('role', 'tenantry_app', true)");
      const { rows } = await client.query<{ org: string }>(
        "SELECT current_setting('app.org_id', true) AS org",
      );
      expect(rows[0]?.org ?? "").toBe("");
      expect(await count(client, "projects")).toBe(0);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  });

  it("enables and forces RLS on every table that carries organization_id", async () => {
    const { rows } = await admin.query<{ table: string; enabled: boolean; forced: boolean }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
      ORDER BY 1`);
    expect(rows.map((r) => r.table)).toEqual([...TENANT_TABLES, ...PLATFORM_TABLES].sort());
    expect(rows.filter((r) => !r.enabled || !r.forced)).toEqual([]);
    const orgs = await admin.query<{ enabled: boolean; forced: boolean }>(
      `SELECT relrowsecurity AS enabled, relforcerowsecurity AS forced FROM pg_class WHERE relname = 'organizations'`,
    );
    expect(orgs.rows).toEqual([{ enabled: true, forced: true }]);
  });

  it("links tenant tables to each other only through keys that include organization_id", async () => {
    // A foreign key between two tenant tables that left out organization_id could point at another tenant's row.
    const { rows } = await admin.query<{ name: string; columns: string[] }>(`
      SELECT con.conname AS name,
             array(SELECT a.attname::text FROM unnest(con.conkey) k
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k) AS columns
      FROM pg_constraint con
      JOIN pg_class src ON src.oid = con.conrelid
      JOIN pg_class dst ON dst.oid = con.confrelid
      WHERE con.contype = 'f'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = src.oid AND a.attname = 'organization_id')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = dst.oid AND a.attname = 'organization_id')`);
    expect(rows.filter((r) => !r.columns.includes("organization_id"))).toEqual([]);
  });
});

describe("platform audit log", () => {
  const insertEntry = (c: pg.PoolClient, actor: string) =>
    c.query(
      `INSERT INTO platform_audit_logs (id, actor_user_id, action, target_type) VALUES ($1, $2, 'user.unlock', 'user')`,
      [newId(), actor],
    );

  it("is invisible to tenant transactions, even about their own organization", async () => {
    const seen = await asApp({ org: A.org, user: A.user }, (c) =>
      c.query("SELECT id FROM platform_audit_logs WHERE organization_id = $1", [A.org]),
    );
    expect(seen.rows).toEqual([]);
  });

  it("is readable only with the platform-admin flag by an active platform admin", async () => {
    const asAdmin = await asApp({ user: P.admin, platformAdmin: true }, (c) =>
      c.query("SELECT id FROM platform_audit_logs WHERE id = $1", [P.entry]),
    );
    expect(asAdmin.rows).toEqual([{ id: P.entry }]);
    // The flag alone grants nothing: the policy re-checks the user's platform role.
    const flagOnly = await asApp({ user: A.user, platformAdmin: true }, (c) =>
      count(c, "platform_audit_logs"),
    );
    expect(flagOnly).toBe(0);
    const noFlag = await asApp({ user: P.admin }, (c) => count(c, "platform_audit_logs"));
    expect(noFlag).toBe(0);
  });

  it("takes inserts only from a platform admin's transaction, naming that admin as the actor", async () => {
    await asApp({ user: P.admin, platformAdmin: true }, (c) => insertEntry(c, P.admin));
    for (const attempt of [
      () => asApp({ user: A.user, platformAdmin: true }, (c) => insertEntry(c, A.user)),
      () => asApp({ org: A.org, user: A.user }, (c) => insertEntry(c, A.user)),
      // A non-admin cannot sign an entry with an admin's name, nor can an admin sign one as someone else.
      () => asApp({ user: A.user, platformAdmin: true }, (c) => insertEntry(c, P.admin)),
      () => asApp({ user: P.admin, platformAdmin: true }, (c) => insertEntry(c, B.user)),
      () =>
        asApp({ user: P.admin, platformAdmin: true }, (c) =>
          c.query(
            `INSERT INTO platform_audit_logs (id, actor_type, action, target_type) VALUES ($1, 'CLI', 'user.set_platform_role', 'user')`,
            [newId()],
          ),
        ),
    ]) {
      expect(await attempt().catch((e: unknown) => e)).toMatchObject({ code: "42501" });
    }
  });

  it("is append-only for the application role", async () => {
    for (const statement of [
      "UPDATE platform_audit_logs SET action = 'x'",
      "DELETE FROM platform_audit_logs",
    ]) {
      const error = await asApp({ user: P.admin, platformAdmin: true }, (c) =>
        c.query(statement),
      ).catch((e: unknown) => e);
      expect(error, statement).toMatchObject({ code: "42501" });
    }
    const { rows } = await admin.query("SELECT action FROM platform_audit_logs WHERE id = $1", [
      P.entry,
    ]);
    expect(rows).toEqual([{ action: "organization.suspend" }]);
  });

  it("shows a user's memberships to platform admins only, through the narrow function", async () => {
    const sql = "SELECT organization_id, role FROM platform_admin_user_memberships($1)";
    const asAdmin = await asApp({ user: P.admin, platformAdmin: true }, (c) =>
      c.query(sql, [A.user]),
    );
    expect(asAdmin.rows).toEqual([{ organization_id: A.org, role: "OWNER" }]);
    const asTenant = await asApp({ user: B.user, org: B.org, platformAdmin: true }, (c) =>
      c.query(sql, [A.user]),
    );
    expect(asTenant.rows).toEqual([]);
  });
});

describe("withTenantTransaction", () => {
  it("scopes Prisma queries to the tenant even without a where clause", async () => {
    const projects = await withTenantTransaction(
      db,
      { userId: A.user, organizationId: A.org, role: "OWNER" },
      (tx) => tx.project.findMany({ select: { id: true } }),
    );
    expect(projects).toEqual([{ id: A.project }]);
  });

  it("rolls back and refuses a write into another tenant", async () => {
    const attempt = withTenantTransaction(
      db,
      { userId: A.user, organizationId: A.org, role: "OWNER" },
      (tx) => tx.project.create({ data: { organizationId: B.org, key: "SMUG", name: "smuggled" } }),
    );
    await expect(attempt).rejects.toThrow();
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM projects WHERE name = 'smuggled'",
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("keeps 20 concurrent tenant transactions isolated", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const t = i % 2 === 0 ? A : B;
        return withTenantTransaction(
          db,
          { userId: t.user, organizationId: t.org, role: "OWNER" },
          async (tx) => {
            const rows = await tx.project.findMany({ select: { organizationId: true } });
            return { expected: t.org, seen: rows.map((r) => r.organizationId) };
          },
        );
      }),
    );
    for (const r of results) expect(r.seen).toEqual([r.expected]);
  });
});
