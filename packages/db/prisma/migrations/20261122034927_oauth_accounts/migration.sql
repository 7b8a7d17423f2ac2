-- CreateTable
CREATE TABLE "oauth_accounts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "provider" VARCHAR(32) NOT NULL,
    "provider_account_id" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "oauth_accounts_user_id_idx" ON "oauth_accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_accounts_provider_provider_account_id_key" ON "oauth_accounts"("provider", "provider_account_id");

-- AddForeignKey
ALTER TABLE "oauth_accounts" ADD CONSTRAINT "oauth_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- =====================================================================================================================
-- Grants (hand-written). oauth_accounts is global identity data, not tenant-owned, so it gets no RLS: a provider
-- account belongs to the person, who spans organizations, and it has to be found at sign-in before any tenant is
-- known. Access is confined in the service instead: lookups name the (provider, provider_account_id) pair or the user.
-- No UPDATE: a link is created or removed, never re-pointed at another user.
-- =====================================================================================================================
GRANT SELECT, INSERT, DELETE ON TABLE "oauth_accounts" TO tenantry_app;
