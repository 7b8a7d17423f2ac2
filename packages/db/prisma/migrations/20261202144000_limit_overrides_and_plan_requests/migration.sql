-- CreateEnum
CREATE TYPE "plan_request_status" AS ENUM ('PENDING', 'APPROVED', 'DECLINED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "notification_kind" ADD VALUE 'PLAN_REQUEST';

-- CreateTable
CREATE TABLE "organization_limit_overrides" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "limit_key" VARCHAR(40) NOT NULL,
    "value" INTEGER,
    "reason" VARCHAR(500) NOT NULL DEFAULT '',
    "set_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organization_limit_overrides_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "plan_requests" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "requested_by_id" UUID,
    "from_plan" "Plan" NOT NULL,
    "to_plan" "Plan" NOT NULL,
    "status" "plan_request_status" NOT NULL DEFAULT 'PENDING',
    "message" VARCHAR(500) NOT NULL DEFAULT '',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" VARCHAR(500) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_requests_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_limit_overrides_organization_id_limit_key_key" ON "organization_limit_overrides"("organization_id", "limit_key");

-- CreateIndex
CREATE INDEX "plan_requests_status_created_at_idx" ON "plan_requests"("status", "created_at");

-- AddForeignKey
ALTER TABLE "organization_limit_overrides" ADD CONSTRAINT "organization_limit_overrides_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_limit_overrides" ADD CONSTRAINT "organization_limit_overrides_set_by_id_fkey" FOREIGN KEY ("set_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_requests" ADD CONSTRAINT "plan_requests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_requests" ADD CONSTRAINT "plan_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_requests" ADD CONSTRAINT "plan_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- =====================================================================================================================
-- Hand-written below this line.
-- =====================================================================================================================

-- Only the plan limits an override may replace (packages/validators plan.ts OVERRIDABLE_LIMITS). Audit retention is
-- not among them: the purge runs in SQL on the plan's days (see the audit_retention migration).
ALTER TABLE "organization_limit_overrides" ADD CONSTRAINT "organization_limit_overrides_limit_key_check"
    CHECK ("limit_key" IN ('maxMembers', 'maxProjects', 'apiRequestsPerMonth', 'rateLimitPerMinute',
                           'maxWebhookEndpoints', 'maxApiKeys'));
ALTER TABLE "organization_limit_overrides" ADD CONSTRAINT "organization_limit_overrides_value_check"
    CHECK ("value" IS NULL OR "value" >= 0);

-- At most one open request per organization: a second "Upgrade" click finds the first one.
CREATE UNIQUE INDEX "plan_requests_one_pending" ON "plan_requests"("organization_id") WHERE "status" = 'PENDING';

-- Tenant isolation like every tenant table. Platform admins write overrides and answer requests by entering the
-- organization's tenant scope (setTenant), as for suspend and licenses.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "organization_limit_overrides" TO tenantry_app;
ALTER TABLE "organization_limit_overrides" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "organization_limit_overrides" FORCE ROW LEVEL SECURITY;
CREATE POLICY "organization_limit_overrides_tenant_isolation" ON "organization_limit_overrides"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE ON TABLE "plan_requests" TO tenantry_app;
ALTER TABLE "plan_requests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plan_requests" FORCE ROW LEVEL SECURITY;
CREATE POLICY "plan_requests_tenant_isolation" ON "plan_requests"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- The platform-admin console's queue of pending plan requests across organizations. Platform admins get no policy on
-- tenant tables, so this one narrow read runs as the migration owner, like platform_admin_user_memberships: pending
-- requests only, at most 200, and only inside a platform-admin transaction of an active platform admin.
CREATE FUNCTION "platform_admin_pending_plan_requests"()
    RETURNS TABLE (
        "id" uuid,
        "organization_id" uuid,
        "organization_name" varchar,
        "organization_slug" varchar,
        "from_plan" "Plan",
        "to_plan" "Plan",
        "message" varchar,
        "requested_by_email" varchar,
        "created_at" timestamptz
    )
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT r."id", o."id", o."name", o."slug", r."from_plan", r."to_plan", r."message", u."email", r."created_at"
    FROM "plan_requests" r
    JOIN "organizations" o ON o."id" = r."organization_id"
    LEFT JOIN "users" u ON u."id" = r."requested_by_id"
    WHERE r."status" = 'PENDING'
      AND current_setting('app.platform_admin', true) = 'on'
      AND EXISTS (
          SELECT 1 FROM "users" a
          WHERE a."id" = NULLIF(current_setting('app.user_id', true), '')::uuid
            AND a."platform_role" = 'ADMIN' AND a."status" = 'ACTIVE'
      )
    ORDER BY r."created_at", r."id"
    LIMIT 200
$$;
REVOKE ALL ON FUNCTION "platform_admin_pending_plan_requests"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "platform_admin_pending_plan_requests"() TO tenantry_app;
