-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "hint" VARCHAR(8) NOT NULL,
    "scopes" TEXT[],
    "ip_allowlist" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_id" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "replaced_by_id" UUID,
    "last_used_at" TIMESTAMPTZ(3),
    "last_used_ip" VARCHAR(64),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys"("secret_hash");

-- CreateIndex
CREATE INDEX "api_keys_organization_id_created_at_id_idx" ON "api_keys"("organization_id", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Tenant isolation like every tenant table: the dashboard lists and manages keys inside the tenant transaction.
GRANT SELECT, INSERT, UPDATE ON TABLE "api_keys" TO tenantry_app;
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY "api_keys_tenant_isolation" ON "api_keys"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- Authenticating a key happens before any tenant is known: the presented secret's hash is the only way in, so this
-- function finds the one row with that hash (and its creator's identity) across tenants and returns nothing else.
-- Holding the secret is the proof that the caller may see that row. Revocation, expiry and membership are checked
-- again inside the tenant transaction of every call (api-key-verify.ts), so a cached answer of this function never
-- outlives a revocation. SECURITY DEFINER and row_security = off as for organizations_due_for_purge.
CREATE FUNCTION "api_key_lookup"(hash bytea)
    RETURNS TABLE (
        "id" uuid,
        "organization_id" uuid,
        "created_by_id" uuid,
        "scopes" text[],
        "ip_allowlist" text[],
        "expires_at" timestamptz,
        "revoked_at" timestamptz,
        "last_used_at" timestamptz,
        "user_email" varchar,
        "user_name" varchar,
        "user_status" "UserStatus",
        "user_platform_role" "PlatformRole"
    )
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT k."id", k."organization_id", k."created_by_id", k."scopes", k."ip_allowlist", k."expires_at",
           k."revoked_at", k."last_used_at", u."email", u."name", u."status", u."platform_role"
    FROM "api_keys" k
    JOIN "users" u ON u."id" = k."created_by_id"
    WHERE k."secret_hash" = hash
$$;
REVOKE ALL ON FUNCTION "api_key_lookup"(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "api_key_lookup"(bytea) TO tenantry_app;
