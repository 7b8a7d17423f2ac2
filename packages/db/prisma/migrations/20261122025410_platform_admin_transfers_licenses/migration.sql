-- CreateEnum
CREATE TYPE "OwnershipTransferStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LicenseStatus" AS ENUM ('ACTIVE', 'EXPIRED', 'REVOKED', 'SUSPENDED');

-- CreateTable
CREATE TABLE "ownership_transfers" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "from_membership_id" UUID NOT NULL,
    "to_membership_id" UUID NOT NULL,
    "status" "OwnershipTransferStatus" NOT NULL DEFAULT 'PENDING',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ownership_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "licenses" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "type" VARCHAR(40) NOT NULL,
    "seats" INTEGER NOT NULL,
    "status" "LicenseStatus" NOT NULL DEFAULT 'ACTIVE',
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "licenses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "license_seats" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "license_id" UUID NOT NULL,
    "membership_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "license_seats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_status_events" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "UserStatus" NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "actor_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_status_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ownership_transfers_organization_id_status_idx" ON "ownership_transfers"("organization_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ownership_transfers_organization_id_id_key" ON "ownership_transfers"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "licenses_organization_id_id_key" ON "licenses"("organization_id", "id");

-- CreateIndex
CREATE INDEX "license_seats_organization_id_license_id_idx" ON "license_seats"("organization_id", "license_id");

-- CreateIndex
CREATE UNIQUE INDEX "license_seats_organization_id_id_key" ON "license_seats"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "license_seats_organization_id_membership_id_key" ON "license_seats"("organization_id", "membership_id");

-- CreateIndex
CREATE INDEX "user_status_events_user_id_created_at_idx" ON "user_status_events"("user_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "ownership_transfers" ADD CONSTRAINT "ownership_transfers_organization_id_from_membership_id_fkey" FOREIGN KEY ("organization_id", "from_membership_id") REFERENCES "memberships"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ownership_transfers" ADD CONSTRAINT "ownership_transfers_organization_id_to_membership_id_fkey" FOREIGN KEY ("organization_id", "to_membership_id") REFERENCES "memberships"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "license_seats" ADD CONSTRAINT "license_seats_organization_id_license_id_fkey" FOREIGN KEY ("organization_id", "license_id") REFERENCES "licenses"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "license_seats" ADD CONSTRAINT "license_seats_organization_id_membership_id_fkey" FOREIGN KEY ("organization_id", "membership_id") REFERENCES "memberships"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_status_events" ADD CONSTRAINT "user_status_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_status_events" ADD CONSTRAINT "user_status_events_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- =====================================================================================================================
-- Hand-written below this line.
-- =====================================================================================================================

-- At most one pending ownership transfer per organization.
CREATE UNIQUE INDEX "ownership_transfers_one_pending" ON "ownership_transfers"("organization_id")
    WHERE "status" = 'PENDING';
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_seats_positive" CHECK ("seats" > 0);

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "ownership_transfers", "licenses", "license_seats" TO tenantry_app;

-- ownership_transfers, licenses, license_seats: tenant-owned, only the active organization's rows.
ALTER TABLE "ownership_transfers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ownership_transfers" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ownership_transfers_tenant_isolation" ON "ownership_transfers"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE "licenses" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "licenses" FORCE ROW LEVEL SECURITY;
CREATE POLICY "licenses_tenant_isolation" ON "licenses"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE "license_seats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "license_seats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "license_seats_tenant_isolation" ON "license_seats"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- user_status_events: no RLS. Like users, it is platform-level data about a global identity, written and read only
-- through the platform-admin procedures (which check users.platform_role on every request).
GRANT SELECT, INSERT ON TABLE "user_status_events" TO tenantry_app;

-- Platform admins. They do not bypass RLS: the admin console runs in transactions that set app.platform_admin = 'on'
-- (only packages/api platformAdminProcedure does, after checking the caller's platform role), and exactly one extra
-- policy honours it: reading the organizations table across tenants, to list and search organizations. The policy
-- re-checks in the database that app.user_id is an active platform admin, so the flag alone grants nothing. Acting
-- on one organization (suspend, reinstate, restore, licenses) sets app.org_id to that organization like any tenant
-- transaction and writes an audit entry into its log; no policy admits platform admins to tenant tables wholesale.
CREATE POLICY "organizations_platform_admin_select" ON "organizations" FOR SELECT
    USING (
        current_setting('app.platform_admin', true) = 'on'
        AND EXISTS (
            SELECT 1 FROM "users" u
            WHERE u."id" = NULLIF(current_setting('app.user_id', true), '')::uuid
              AND u."platform_role" = 'ADMIN' AND u."status" = 'ACTIVE'
        )
    );
