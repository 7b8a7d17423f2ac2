// Test fixtures: each test creates its own users and organizations (fresh ids), so tests never share rows.
// Fixtures are written over the privileged connection; the code under test uses the RLS-bound app connection.
// Shared by the core's tests and the API's (packages/api/test/fixtures.ts adds the tRPC callers).
import pg from "pg";
import { afterAll, inject } from "vitest";

import type { Db } from "@tenantry/db";
import type { TMembershipRole } from "@tenantry/validators";
import { createDb, newId } from "@tenantry/db";

const database = inject("database");

export const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
// Generous waits: embedded PGlite runs one transaction at a time, and the concurrency tests (50 creations on a
// pool of 4) queue up. The pool's own connect timeout must be as generous, or it fails them before maxWait does.
export const db: Db = createDb({
  connectionString: database.appUrl,
  poolMax: 4,
  connectTimeoutMs: 60_000,
  transactionMaxWaitMs: 60_000,
  transactionTimeoutMs: 60_000,
});
export const backend = database.backend;
export const appUrl = database.appUrl;

afterAll(async () => {
  await db.$disconnect();
  await admin.end();
});

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

export async function createUser(
  opts: { status?: "ACTIVE" | "SUSPENDED" } = {},
): Promise<TestUser> {
  const id = newId();
  const user = { id, email: `u-${id}@example.test`, name: `User ${id.slice(-6)}` };
  await admin.query(
    `INSERT INTO users (id, email, name, status, updated_at) VALUES ($1, $2, $3, $4, now())`,
    [user.id, user.email, user.name, opts.status ?? "ACTIVE"],
  );
  return user;
}

export async function createOrganization(name = "Org"): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `org-${id.slice(-12)}`;
  await admin.query(
    `INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, $2, $3, now())`,
    [id, name, slug],
  );
  return { id, slug };
}

export async function addMember(
  organizationId: string,
  userId: string,
  role: TMembershipRole = "MEMBER",
  status: "ACTIVE" | "SUSPENDED" = "ACTIVE",
): Promise<void> {
  await admin.query(
    `INSERT INTO memberships (id, organization_id, user_id, role, status, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())`,
    [newId(), organizationId, userId, role, status],
  );
}

/** A project key unique enough for fixtures: K + the id's last 8 hex digits. */
const keyFor = (id: string) => `K${id.replaceAll("-", "").slice(-8).toUpperCase()}`;

export async function createProjectRow(organizationId: string, name = "Project"): Promise<string> {
  const id = newId();
  await admin.query(
    `INSERT INTO projects (id, organization_id, key, name, updated_at) VALUES ($1, $2, $3, $4, now())`,
    [id, organizationId, keyFor(id), name],
  );
  return id;
}

/** An organization with an owner, as most tests need. */
export async function createTenant(name = "Org", role: TMembershipRole = "OWNER") {
  const org = await createOrganization(name);
  const user = await createUser();
  await addMember(org.id, user.id, role);
  return { org, user };
}

/** Like addMember, returning the membership id (optionally with a custom role of the organization). */
export async function addMembership(
  organizationId: string,
  userId: string,
  role: TMembershipRole = "MEMBER",
  opts: { customRoleId?: string } = {},
): Promise<string> {
  const id = newId();
  await admin.query(
    `INSERT INTO memberships (id, organization_id, user_id, role, custom_role_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())`,
    [id, organizationId, userId, role, opts.customRoleId ?? null],
  );
  return id;
}

/** Sets an organization's plan or lifecycle state directly (as billing or a platform admin would). */
export async function setOrganizationState(
  organizationId: string,
  state: {
    plan?: "FREE" | "PRO" | "ENTERPRISE";
    status?: "ACTIVE" | "SUSPENDED" | "ARCHIVED" | "DELETED";
    deletedAt?: Date | null;
  },
): Promise<void> {
  await admin.query(
    `UPDATE organizations SET plan = COALESCE($2::"Plan", plan),
       status = COALESCE($3::"OrganizationStatus", status),
       deleted_at = CASE WHEN $4::boolean THEN $5::timestamptz ELSE deleted_at END
     WHERE id = $1`,
    [
      organizationId,
      state.plan ?? null,
      state.status ?? null,
      state.deletedAt !== undefined,
      state.deletedAt ?? null,
    ],
  );
}

/** Grants the platform-admin role (users.platform_role = ADMIN). */
export async function makePlatformAdmin(user: TestUser): Promise<TestUser> {
  await admin.query(`UPDATE users SET platform_role = 'ADMIN' WHERE id = $1`, [user.id]);
  return user;
}
