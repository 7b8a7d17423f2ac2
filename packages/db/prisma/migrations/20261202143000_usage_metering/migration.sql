-- Usage metering: hourly and daily API request counts, the usage ledger of billable actions and the quota alerts
-- sent. All tenant-owned with the usual RLS policy.

-- CreateTable
CREATE TABLE "api_usage_hourly" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "procedure" VARCHAR(200) NOT NULL,
    "api_key_id" UUID,
    "programmatic" BOOLEAN NOT NULL,
    "status_class" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL,
    "latency_sum_ms" BIGINT NOT NULL,
    "latency_buckets" INTEGER[],

    CONSTRAINT "api_usage_hourly_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "api_usage_daily" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "procedure" VARCHAR(200) NOT NULL,
    "api_key_id" UUID,
    "programmatic" BOOLEAN NOT NULL,
    "status_class" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL,
    "latency_sum_ms" BIGINT NOT NULL,
    "latency_buckets" INTEGER[],

    CONSTRAINT "api_usage_daily_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "usage_ledger" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "event_id" VARCHAR(200) NOT NULL,
    "metric" VARCHAR(40) NOT NULL,
    "quantity" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_ledger_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "usage_quota_alerts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "quota" VARCHAR(40) NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "threshold" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_quota_alerts_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "api_usage_hourly_organization_id_hour_idx" ON "api_usage_hourly"("organization_id", "hour");

-- CreateIndex
CREATE INDEX "api_usage_daily_organization_id_day_idx" ON "api_usage_daily"("organization_id", "day");

-- CreateIndex
CREATE INDEX "usage_ledger_organization_id_metric_created_at_idx" ON "usage_ledger"("organization_id", "metric", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "usage_ledger_organization_id_event_id_key" ON "usage_ledger"("organization_id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "usage_quota_alerts_organization_id_quota_period_threshold_key" ON "usage_quota_alerts"("organization_id", "quota", "period", "threshold");

-- AddForeignKey
ALTER TABLE "api_usage_hourly" ADD CONSTRAINT "api_usage_hourly_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_usage_daily" ADD CONSTRAINT "api_usage_daily_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_ledger" ADD CONSTRAINT "usage_ledger_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_quota_alerts" ADD CONSTRAINT "usage_quota_alerts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- =====================================================================================================================
-- Grants and row-level security
-- =====================================================================================================================
GRANT SELECT, INSERT, DELETE ON TABLE "api_usage_hourly", "api_usage_daily" TO tenantry_app;
GRANT SELECT, INSERT ON TABLE "usage_ledger", "usage_quota_alerts" TO tenantry_app;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['api_usage_hourly', 'api_usage_daily', 'usage_ledger', 'usage_quota_alerts']
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

-- The rollup job's only cross-tenant step: which organizations have hourly rows since a time (it then works on each
-- in that organization's tenant transaction). Returns ids only; runs as the migration owner with row_security off,
-- like job_outbox_take.
CREATE FUNCTION "api_usage_organizations_since"(since timestamptz)
    RETURNS TABLE ("organization_id" uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT DISTINCT h."organization_id" FROM "api_usage_hourly" h WHERE h."hour" >= since
$$;
REVOKE ALL ON FUNCTION "api_usage_organizations_since"(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "api_usage_organizations_since"(timestamptz) TO tenantry_app;

-- The platform admins' usage view across organizations: the daily rows' numbers (no procedure names, no key ids),
-- answered only inside a platform-admin transaction (app.platform_admin = 'on', set by platformAdminProcedure).
CREATE FUNCTION "api_usage_platform_daily"(from_day date, to_day date)
    RETURNS TABLE ("organization_id" uuid, "day" date, "status_class" smallint, "programmatic" boolean,
                   "count" integer, "latency_buckets" integer[])
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT d."organization_id", d."day", d."status_class", d."programmatic", d."count", d."latency_buckets"
    FROM "api_usage_daily" d
    WHERE current_setting('app.platform_admin', true) = 'on' AND d."day" BETWEEN from_day AND to_day
    LIMIT 200000
$$;
REVOKE ALL ON FUNCTION "api_usage_platform_daily"(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "api_usage_platform_daily"(date, date) TO tenantry_app;
