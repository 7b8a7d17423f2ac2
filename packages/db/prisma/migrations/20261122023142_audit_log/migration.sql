-- CreateTable
CREATE TABLE "audit_logs" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "actor_user_id" UUID,
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(32) NOT NULL,
    "target_id" UUID,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_logs_organization_id_created_at_id_idx" ON "audit_logs"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_organization_id_target_type_target_id_idx" ON "audit_logs"("organization_id", "target_type", "target_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_logs_organization_id_id_key" ON "audit_logs"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- =====================================================================================================================
-- Row-level security for audit_logs: tenant-owned and append-only for the application. The application role may
-- read and insert its tenant's entries but has no UPDATE or DELETE privilege at all, so no bug in the app can
-- rewrite history; retention purges run as a privileged maintenance role.
-- =====================================================================================================================
GRANT SELECT, INSERT ON TABLE "audit_logs" TO tenantry_app;

ALTER TABLE "audit_logs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_logs" FORCE ROW LEVEL SECURITY;

CREATE POLICY "audit_logs_select" ON "audit_logs" FOR SELECT
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY "audit_logs_insert" ON "audit_logs" FOR INSERT
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
