-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REVOKED');

-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "custom_role_id" UUID;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "allowed_email_domains" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN     "status_reason" VARCHAR(500);

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "team_id" UUID;

-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "description" VARCHAR(300) NOT NULL DEFAULT '',
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "role" "MembershipRole" NOT NULL DEFAULT 'MEMBER',
    "custom_role_id" UUID,
    "token_hash" VARCHAR(64) NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "invited_by_id" UUID,
    "accepted_by_id" UUID,
    "accepted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "teams" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_members" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "membership_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_members_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "roles_organization_id_id_key" ON "roles"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "roles_organization_id_name_key" ON "roles"("organization_id", "name");

-- CreateIndex
CREATE INDEX "invitations_organization_id_status_email_idx" ON "invitations"("organization_id", "status", "email");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_organization_id_id_key" ON "invitations"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "teams_organization_id_id_key" ON "teams"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "teams_organization_id_name_key" ON "teams"("organization_id", "name");

-- CreateIndex
CREATE INDEX "team_members_organization_id_membership_id_idx" ON "team_members"("organization_id", "membership_id");

-- CreateIndex
CREATE UNIQUE INDEX "team_members_organization_id_id_key" ON "team_members"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "team_members_organization_id_team_id_membership_id_key" ON "team_members"("organization_id", "team_id", "membership_id");

-- AddForeignKey
ALTER TABLE "roles" ADD CONSTRAINT "roles_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_custom_role_id_fkey" FOREIGN KEY ("organization_id", "custom_role_id") REFERENCES "roles"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_id_fkey" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_organization_id_team_id_fkey" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_organization_id_membership_id_fkey" FOREIGN KEY ("organization_id", "membership_id") REFERENCES "memberships"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_custom_role_id_fkey" FOREIGN KEY ("organization_id", "custom_role_id") REFERENCES "roles"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_team_id_fkey" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- =====================================================================================================================
-- Hand-written below this line.
--
-- A member (or invitee) with a custom role is never an OWNER: ownership is a built-in role only, so the "last owner"
-- rule can count owners by `role` alone.
-- =====================================================================================================================
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_custom_role_not_owner"
    CHECK ("custom_role_id" IS NULL OR "role" <> 'OWNER');
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_custom_role_not_owner"
    CHECK ("custom_role_id" IS NULL OR "role" <> 'OWNER');

-- At most one pending invitation per email and organization (a resend rotates the token of the existing one).
CREATE UNIQUE INDEX "invitations_one_pending_per_email" ON "invitations"("organization_id", "email")
    WHERE "status" = 'PENDING';

-- Row-level security: roles, invitations, teams and team_members are tenant-owned, only the active organization's
-- rows. Accepting an invitation happens before a membership exists: the token carries the organization id (not a
-- secret), the API sets app.org_id from it and then proves possession of the secret against token_hash before doing
-- anything else (see packages/api/src/services/invitation.ts), so no policy needs to admit non-members.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "roles", "invitations", "teams", "team_members" TO tenantry_app;

ALTER TABLE "roles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "roles" FORCE ROW LEVEL SECURITY;
CREATE POLICY "roles_tenant_isolation" ON "roles"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
CREATE POLICY "invitations_tenant_isolation" ON "invitations"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE "teams" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "teams" FORCE ROW LEVEL SECURITY;
CREATE POLICY "teams_tenant_isolation" ON "teams"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE "team_members" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "team_members" FORCE ROW LEVEL SECURITY;
CREATE POLICY "team_members_tenant_isolation" ON "team_members"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- Purge job: soft-deleted organizations past their 30-day restore window are found across tenants by this function,
-- which returns ids only (no tenant data); each one is then deleted in its own tenant transaction. SECURITY DEFINER
-- runs it as the migration role (the table owner, a superuser in our deployments); `row_security = off` makes it fail
-- loudly rather than silently return nothing if that role were ever subject to RLS.
CREATE FUNCTION "organizations_due_for_purge"(cutoff timestamptz, max_rows integer)
    RETURNS TABLE ("id" uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT o."id" FROM "organizations" o
    WHERE o."status" = 'DELETED' AND o."deleted_at" < cutoff
    ORDER BY o."deleted_at"
    LIMIT LEAST(GREATEST(max_rows, 0), 1000)
$$;
REVOKE ALL ON FUNCTION "organizations_due_for_purge"(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "organizations_due_for_purge"(timestamptz, integer) TO tenantry_app;
