-- The transactional outbox (job_outbox), webhooks (endpoints, deliveries, attempts) and SMTP delivery state on
-- mail_outbox. Every new table is tenant-owned with the usual RLS policy.

-- AlterTable
ALTER TABLE "mail_outbox" ADD COLUMN     "enqueued_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_error" VARCHAR(500),
ADD COLUMN     "sent_at" TIMESTAMPTZ(3),
ADD COLUMN     "smtp_pending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "job_outbox" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "actor" JSONB NOT NULL,
    "data" JSONB NOT NULL,
    "start_after" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_outbox_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "description" VARCHAR(500) NOT NULL DEFAULT '',
    "event_types" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" VARCHAR(200),
    "secret_enc" TEXT NOT NULL,
    "previous_secret_enc" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_id" VARCHAR(64) NOT NULL,
    "event_type" VARCHAR(100) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "request_headers" JSONB NOT NULL,
    "request_body" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" VARCHAR(2048),
    "error" VARCHAR(500),
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "job_outbox_created_at_idx" ON "job_outbox"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_organization_id_endpoint_id_event_id_key" ON "webhook_deliveries"("organization_id", "endpoint_id", "event_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_organization_id_endpoint_id_created_at_idx" ON "webhook_deliveries"("organization_id", "endpoint_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_attempts_organization_id_delivery_id_attempt_idx" ON "webhook_attempts"("organization_id", "delivery_id", "attempt");

-- CreateIndex
CREATE INDEX "mail_outbox_smtp_pending_idx" ON "mail_outbox"("smtp_pending");

-- AddForeignKey
ALTER TABLE "job_outbox" ADD CONSTRAINT "job_outbox_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_organization_id_endpoint_id_fkey" FOREIGN KEY ("organization_id", "endpoint_id") REFERENCES "webhook_endpoints"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_organization_id_delivery_id_fkey" FOREIGN KEY ("organization_id", "delivery_id") REFERENCES "webhook_deliveries"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- =====================================================================================================================
-- Row-level security: the application reads and writes only its own organization's rows. Attempts are a log: the
-- application may not rewrite one (no UPDATE grant).
-- =====================================================================================================================
GRANT SELECT, INSERT, DELETE ON TABLE "job_outbox" TO tenantry_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "webhook_endpoints", "webhook_deliveries" TO tenantry_app;
GRANT SELECT, INSERT ON TABLE "webhook_attempts" TO tenantry_app;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['job_outbox', 'webhook_endpoints', 'webhook_deliveries', 'webhook_attempts']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I USING (organization_id = NULLIF(current_setting(''app.org_id'', true), '''')::uuid) '
            'WITH CHECK (organization_id = NULLIF(current_setting(''app.org_id'', true), '''')::uuid)',
            t || '_tenant_isolation', t);
    END LOOP;
END
$$;

-- The relay's only cross-tenant step: take (delete and return) a batch of committed outbox rows, oldest first.
-- SKIP LOCKED lets several relays run at once without taking the same row; the deletion commits only once the
-- relay has handed the rows to the queue, so a relay that dies midway leaves them for the next one. Like
-- organizations_due_for_purge it runs as the migration owner with row_security off.
CREATE FUNCTION "job_outbox_take"(max_rows integer)
    RETURNS TABLE ("id" uuid, "organization_id" uuid, "name" varchar, "actor" jsonb, "data" jsonb,
                   "start_after" timestamptz)
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    DELETE FROM "job_outbox" o
    WHERE (o."organization_id", o."id") IN (
        SELECT j."organization_id", j."id" FROM "job_outbox" j
        ORDER BY j."created_at"
        LIMIT LEAST(GREATEST(max_rows, 0), 1000)
        FOR UPDATE SKIP LOCKED)
    RETURNING o."id", o."organization_id", o."name", o."actor", o."data", o."start_after"
$$;
REVOKE ALL ON FUNCTION "job_outbox_take"(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "job_outbox_take"(integer) TO tenantry_app;
