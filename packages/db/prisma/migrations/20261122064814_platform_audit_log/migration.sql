-- CreateEnum
CREATE TYPE "PlatformAuditActorType" AS ENUM ('USER', 'CLI');

-- CreateTable
CREATE TABLE "platform_audit_logs" (
    "id" UUID NOT NULL,
    "actor_type" "PlatformAuditActorType" NOT NULL DEFAULT 'USER',
    "actor_user_id" UUID,
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(32) NOT NULL,
    "target_id" UUID,
    "organization_id" UUID,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "platform_audit_logs_created_at_id_idx" ON "platform_audit_logs"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "platform_audit_logs_action_created_at_id_idx" ON "platform_audit_logs"("action", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "platform_audit_logs_target_type_target_id_created_at_id_idx" ON "platform_audit_logs"("target_type", "target_id", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "platform_audit_logs" ADD CONSTRAINT "platform_audit_logs_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- =====================================================================================================================
-- Hand-written below this line.
-- =====================================================================================================================

-- A CLI entry has no user behind it. (A USER entry may lose its actor later, when that account is deleted.)
ALTER TABLE "platform_audit_logs" ADD CONSTRAINT "platform_audit_logs_cli_has_no_user"
    CHECK ("actor_type" <> 'CLI' OR "actor_user_id" IS NULL);

-- platform_audit_logs: platform-level and append-only. The application role may read and insert but has no UPDATE or
-- DELETE privilege, so no bug in the app can rewrite the platform's history. Both policies re-check in the database
-- what platformAdminProcedure checks in the API, like organizations_platform_admin_select: the transaction set
-- app.platform_admin = 'on' and app.user_id is an active platform admin. So a tenant transaction (no flag) or a
-- non-admin that sets the flag sees no entries and cannot write one, and an entry's actor is always the signed-in
-- admin. Entries with actor_type CLI come from `pnpm admin:grant`, which connects as the migration owner (superuser
-- or BYPASSRLS, see purge_expired_audit_logs): the application role can never write one.
GRANT SELECT, INSERT ON TABLE "platform_audit_logs" TO tenantry_app;

ALTER TABLE "platform_audit_logs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "platform_audit_logs" FORCE ROW LEVEL SECURITY;

CREATE POLICY "platform_audit_logs_select" ON "platform_audit_logs" FOR SELECT
    USING (
        current_setting('app.platform_admin', true) = 'on'
        AND EXISTS (
            SELECT 1 FROM "users" u
            WHERE u."id" = NULLIF(current_setting('app.user_id', true), '')::uuid
              AND u."platform_role" = 'ADMIN' AND u."status" = 'ACTIVE'
        )
    );
CREATE POLICY "platform_audit_logs_insert" ON "platform_audit_logs" FOR INSERT
    WITH CHECK (
        current_setting('app.platform_admin', true) = 'on'
        AND "actor_type" = 'USER'
        AND "actor_user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid
        AND EXISTS (
            SELECT 1 FROM "users" u
            WHERE u."id" = "actor_user_id" AND u."platform_role" = 'ADMIN' AND u."status" = 'ACTIVE'
        )
    );

-- A user's memberships as the platform-admin console shows them (organization, role). Platform admins get no policy
-- on memberships (a tenant table), so this one narrow read runs as the migration owner: one user's memberships, at
-- most 200, and only inside a platform-admin transaction of an active platform admin (the same check as above;
-- anyone else gets no rows). Like purge_expired_audit_logs, it needs an owner that is superuser or BYPASSRLS.
CREATE FUNCTION "platform_admin_user_memberships"(target uuid)
    RETURNS TABLE (
        "membership_id" uuid,
        "organization_id" uuid,
        "organization_name" varchar,
        "organization_slug" varchar,
        "organization_status" "OrganizationStatus",
        "role" "MembershipRole",
        "custom_role_name" varchar,
        "status" "MembershipStatus",
        "created_at" timestamptz
    )
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT m."id", o."id", o."name", o."slug", o."status", m."role", r."name", m."status", m."created_at"
    FROM "memberships" m
    JOIN "organizations" o ON o."id" = m."organization_id"
    LEFT JOIN "roles" r ON r."organization_id" = m."organization_id" AND r."id" = m."custom_role_id"
    WHERE m."user_id" = target
      AND current_setting('app.platform_admin', true) = 'on'
      AND EXISTS (
          SELECT 1 FROM "users" u
          WHERE u."id" = NULLIF(current_setting('app.user_id', true), '')::uuid
            AND u."platform_role" = 'ADMIN' AND u."status" = 'ACTIVE'
      )
    ORDER BY m."created_at", m."id"
    LIMIT 200
$$;
REVOKE ALL ON FUNCTION "platform_admin_user_memberships"(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "platform_admin_user_memberships"(uuid) TO tenantry_app;
