// Test fixtures: each test creates its own users and organizations (fresh ids), so tests never share rows.
// Fixtures are written over the privileged connection; the code under test uses the RLS-bound app connection.
import pg from "pg";
import { afterAll, inject } from "vitest";

import type { AuthSession } from "@tenantry/auth";
import type { Db } from "@tenantry/db";
import type { TMembershipRole } from "@tenantry/validators";
import { createDb, newId } from "@tenantry/db";

import { createCaller, createInnerTRPCContext } from "../src/index.ts";

const database = inject("database");

export const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
export const db: Db = createDb({ connectionString: database.appUrl, poolMax: 4 });
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

export async function createProjectRow(organizationId: string, name = "Project"): Promise<string> {
  const id = newId();
  await admin.query(
    `INSERT INTO projects (id, organization_id, name, updated_at) VALUES ($1, $2, $3, now())`,
    [id, organizationId, name],
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

export function sessionOf(user: TestUser): AuthSession {
  return { user: { id: user.id, email: user.email, name: user.name } };
}

/** A caller running the real middleware chain, as `user` (or anonymous) acting in `organization`. */
export function callerAs(user: TestUser | null, organization: string | null = null) {
  return createCaller(
    createInnerTRPCContext({ db, session: user ? sessionOf(user) : null, organization }),
  );
}
