-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('FREE', 'PRO', 'ENTERPRISE');

-- CreateEnum
CREATE TYPE "OrganizationStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'ARCHIVED', 'DELETED');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DEACTIVATED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "PlatformRole" AS ENUM ('USER', 'ADMIN');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER');

-- CreateEnum
CREATE TYPE "MembershipStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "slug" VARCHAR(48) NOT NULL,
    "plan" "Plan" NOT NULL DEFAULT 'FREE',
    "status" "OrganizationStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "password_hash" VARCHAR(255),
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "platform_role" "PlatformRole" NOT NULL DEFAULT 'USER',
    "email_verified" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "MembershipRole" NOT NULL DEFAULT 'MEMBER',
    "status" "MembershipStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_organization_id_id_key" ON "memberships"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_organization_id_user_id_key" ON "memberships"("organization_id", "user_id");

-- CreateIndex
CREATE INDEX "projects_organization_id_created_at_id_idx" ON "projects"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "projects_organization_id_id_key" ON "projects"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- =====================================================================================================================
-- Row-level security (hand-written below this line; Prisma does not model roles, grants or policies, and
-- `pnpm db:migrate:new` ignores them when diffing).
--
-- The application connects as (or switches to) a member of `tenantry_app` and, inside each transaction, sets
-- `app.org_id` (active tenant) and `app.user_id` (signed-in user) with set_config(..., true). NULLIF turns the ''
-- a pooled connection reports after a transaction-local setting back into NULL, so "no tenant" matches no rows.
-- Superusers bypass RLS; FORCE makes the policies apply to the table owner as well.
-- =====================================================================================================================

-- Roles are cluster-wide while migrations run per database, so creating the role must tolerate it existing already,
-- including when another database on the same server creates it at the same moment.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'tenantry_app') THEN
        CREATE ROLE tenantry_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- Explicit grants per table (no ALTER DEFAULT PRIVILEGES): every later migration that adds a table grants on it.
-- `_prisma_migrations` is deliberately not granted.
GRANT USAGE ON SCHEMA public TO tenantry_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "organizations", "users", "memberships", "projects" TO tenantry_app;

-- users: no RLS. A user is a global identity that belongs to many organizations, and sign-in has to find the user
-- before any tenant is known; which users a tenant may see is decided through memberships.

-- projects: tenant-owned, only the active organization's rows.
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
CREATE POLICY "projects_tenant_isolation" ON "projects"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- memberships: tenant-owned, but a user also sees their own memberships in every organization (to resolve the active
-- organization and list "my organizations"). Writes are separate policies so that this extra visibility does not
-- let a user update or delete their memberships of another tenant.
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY "memberships_select" ON "memberships" FOR SELECT
    USING (
        "organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid
        OR "user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid
    );
CREATE POLICY "memberships_insert" ON "memberships" FOR INSERT
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY "memberships_update" ON "memberships" FOR UPDATE
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY "memberships_delete" ON "memberships" FOR DELETE
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- organizations: the tenant table itself. Readable when it is the active tenant or the user is a member of it (the
-- subquery runs under the memberships policy, which shows the user's own rows); writable only as the active tenant,
-- so creating an organization means setting app.org_id to its new id first.
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;
CREATE POLICY "organizations_select" ON "organizations" FOR SELECT
    USING (
        "id" = NULLIF(current_setting('app.org_id', true), '')::uuid
        OR "id" IN (
            SELECT "organization_id" FROM "memberships"
            WHERE "user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid
        )
    );
CREATE POLICY "organizations_insert" ON "organizations" FOR INSERT
    WITH CHECK ("id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY "organizations_update" ON "organizations" FOR UPDATE
    USING ("id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY "organizations_delete" ON "organizations" FOR DELETE
    USING ("id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
