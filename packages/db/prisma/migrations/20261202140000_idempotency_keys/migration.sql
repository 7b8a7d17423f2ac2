-- CreateTable
CREATE TABLE "idempotency_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "credential" VARCHAR(80) NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "response_status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_keys_organization_id_credential_key_key" ON "idempotency_keys"("organization_id", "credential", "key");

-- CreateIndex
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation like every tenant table: the REST dispatcher claims, completes and frees keys inside a tenant
-- transaction of the caller's organization.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "idempotency_keys" TO tenantry_app;
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY "idempotency_keys_tenant_isolation" ON "idempotency_keys"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- The scheduled maintenance job deletes expired keys of every organization at once. It runs with no tenant, so this
-- function (SECURITY DEFINER, row_security off, as job_outbox_take) deletes only what has expired and returns the
-- count, in batches so one run never holds a long lock.
CREATE FUNCTION "purge_expired_idempotency_keys"(max_rows integer)
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    WITH gone AS (
        DELETE FROM "idempotency_keys" k
        WHERE (k."organization_id", k."id") IN (
            SELECT e."organization_id", e."id" FROM "idempotency_keys" e
            WHERE e."expires_at" <= now()
            LIMIT LEAST(GREATEST(max_rows, 0), 10000)
            FOR UPDATE SKIP LOCKED)
        RETURNING 1)
    SELECT count(*)::integer FROM gone
$$;
REVOKE ALL ON FUNCTION "purge_expired_idempotency_keys"(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "purge_expired_idempotency_keys"(integer) TO tenantry_app;
