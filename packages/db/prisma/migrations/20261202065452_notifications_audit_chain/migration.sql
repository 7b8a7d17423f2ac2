-- CreateEnum
CREATE TYPE "notification_kind" AS ENUM ('MENTION', 'TASK_ASSIGNED', 'TASK_COMMENT', 'INVITATION', 'OWNERSHIP_TRANSFER', 'WEBHOOK_DISABLED');

-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "actor" VARCHAR(64) NOT NULL DEFAULT 'system',
ADD COLUMN     "changes" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "hash" VARCHAR(64) NOT NULL DEFAULT '',
ADD COLUMN     "ip" VARCHAR(64) NOT NULL DEFAULT '',
ADD COLUMN     "prev_hash" VARCHAR(64) NOT NULL DEFAULT '',
ADD COLUMN     "request_id" VARCHAR(128) NOT NULL DEFAULT '',
ADD COLUMN     "seq" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "user_agent" VARCHAR(512) NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "through_seq" BIGINT NOT NULL,
    "last_hash" CHAR(64) NOT NULL,
    "purged_count" BIGINT NOT NULL,
    "signature" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "notification_kind" NOT NULL,
    "actor_user_id" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "notification_preferences" (
    "user_id" UUID NOT NULL,
    "kind" "notification_kind" NOT NULL,
    "in_app" BOOLEAN NOT NULL DEFAULT true,
    "email" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("user_id","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_checkpoints_organization_id_through_seq_key" ON "audit_checkpoints"("organization_id", "through_seq");

-- CreateIndex
CREATE INDEX "notifications_organization_id_user_id_created_at_id_idx" ON "notifications"("organization_id", "user_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "notifications_organization_id_user_id_read_at_idx" ON "notifications"("organization_id", "user_id", "read_at");


-- AddForeignKey
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_user_id_fkey" FOREIGN KEY ("organization_id", "user_id") REFERENCES "memberships"("organization_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- =====================================================================================================================
-- The audit hash chain. Each organization's entries form a chain: an entry's seq is the previous one's + 1 and its
-- hash is sha256(prev_hash || canonical content). The insert trigger assigns both under a per-organization advisory
-- lock held to commit, so concurrent writers chain one after the other (the lock is taken before the trigger reads the
-- head, and a plpgsql statement under READ COMMITTED sees what committed before it). The unique (organization_id,
-- seq) index makes any writer that could still fork the chain (e.g. under REPEATABLE READ) fail instead.
-- =====================================================================================================================

-- The canonical content of an entry: a JSON array of its recorded fields (jsonb text is deterministic), the time in
-- UTC milliseconds so that the session time zone never changes it. actor_user_id is left out: it is a foreign key set
-- to NULL when the user is deleted, while `actor` keeps who it was.
CREATE FUNCTION "audit_entry_hash"(prev text, e "audit_logs")
    RETURNS text
    LANGUAGE sql STABLE
    SET search_path = public, pg_temp
AS $$
    SELECT encode(sha256(convert_to(prev || jsonb_build_array(
        e."id"::text, e."organization_id"::text, e."seq", e."actor", e."action", e."target_type", e."target_id"::text,
        e."metadata", e."changes", e."ip", e."user_agent", e."request_id",
        to_char(e."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    )::text, 'UTF8')), 'hex')
$$;

-- Backfill the chain of the entries written before this migration, oldest first.
DO $$
DECLARE
    r record;
    org uuid := NULL;
    n bigint := 0;
    prev text := '';
BEGIN
    FOR r IN SELECT "organization_id", "id" FROM "audit_logs" ORDER BY "organization_id", "created_at", "id" LOOP
        IF org IS DISTINCT FROM r."organization_id" THEN
            org := r."organization_id"; n := 0; prev := '';
        END IF;
        n := n + 1;
        UPDATE "audit_logs" a SET "seq" = n, "prev_hash" = prev,
            "actor" = CASE WHEN a."actor_user_id" IS NULL THEN 'system' ELSE 'user:' || a."actor_user_id" END
        WHERE a."organization_id" = r."organization_id" AND a."id" = r."id";
        UPDATE "audit_logs" a SET "hash" = "audit_entry_hash"(prev, a)
        WHERE a."organization_id" = r."organization_id" AND a."id" = r."id"
        RETURNING a."hash" INTO prev;
    END LOOP;
END $$;

CREATE UNIQUE INDEX "audit_logs_organization_id_seq_key" ON "audit_logs"("organization_id", "seq");

-- SECURITY DEFINER with row_security off: the head of the chain (or the latest checkpoint after a purge of every
-- entry) must be read whatever the writer's tenant settings are; the row itself is still checked by the insert policy.
CREATE FUNCTION "audit_logs_chain"()
    RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
DECLARE
    last_seq bigint;
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:' || NEW."organization_id"::text, 0));
    SELECT a."seq", a."hash" INTO last_seq, last_hash FROM "audit_logs" a
    WHERE a."organization_id" = NEW."organization_id" ORDER BY a."seq" DESC LIMIT 1;
    IF NOT FOUND THEN
        SELECT c."through_seq", c."last_hash" INTO last_seq, last_hash FROM "audit_checkpoints" c
        WHERE c."organization_id" = NEW."organization_id" ORDER BY c."through_seq" DESC LIMIT 1;
        IF NOT FOUND THEN
            last_seq := 0; last_hash := '';
        END IF;
    END IF;
    NEW."seq" := last_seq + 1;
    NEW."prev_hash" := last_hash;
    NEW."hash" := "audit_entry_hash"(last_hash, NEW);
    RETURN NEW;
END $$;
CREATE TRIGGER "audit_logs_chain" BEFORE INSERT ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION "audit_logs_chain"();

-- Append-only even for the owner: the application role has no UPDATE/DELETE grant, and this trigger refuses them for
-- everyone else, except the two changes the schema itself makes: the actor's foreign key set to NULL when the user is
-- deleted (`actor` keeps who it was, and the hash does not cover the key) and the rows of a purged organization going
-- with it. Retention deletes through purge_audit_prefix, which sets app.audit_purge for its own statement.
CREATE FUNCTION "audit_logs_append_only"()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = public, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW."actor_user_id" IS NULL AND OLD."actor_user_id" IS NOT NULL
           AND (to_jsonb(NEW) - 'actor_user_id') = (to_jsonb(OLD) - 'actor_user_id') THEN
            RETURN NEW;
        END IF;
    ELSIF current_setting('app.audit_purge', true) = 'on'
          OR NOT EXISTS (SELECT 1 FROM "organizations" o WHERE o."id" = OLD."organization_id") THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "audit_logs_append_only" BEFORE UPDATE OR DELETE ON "audit_logs"
    FOR EACH ROW EXECUTE FUNCTION "audit_logs_append_only"();
CREATE FUNCTION "audit_logs_no_truncate"()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'audit_logs is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "audit_logs_no_truncate" BEFORE TRUNCATE ON "audit_logs"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_logs_no_truncate"();

-- =====================================================================================================================
-- Retention keeps the chain verifiable: only a prefix of an organization's chain is ever purged (up to the entry
-- before its oldest unexpired one), and the last purged entry's seq and hash are kept as a checkpoint signed by the
-- server (HMAC, packages/core/src/audit/audit-retention.ts). The signature cannot be made here (the key never reaches
-- the database), so the application reads the candidates, signs them, and purges each prefix with its signature.
-- Retention days must equal PLANS[plan].auditRetentionDays (a test checks both agree).
-- =====================================================================================================================
DROP FUNCTION "purge_expired_audit_logs"();

CREATE FUNCTION "audit_retention_cutoff"(plan "Plan")
    RETURNS timestamptz
    LANGUAGE sql STABLE
AS $$
    SELECT now() - make_interval(days => CASE plan WHEN 'FREE' THEN 30 WHEN 'PRO' THEN 365 ELSE 2555 END)
$$;

CREATE FUNCTION "audit_purge_candidates"()
    RETURNS TABLE (organization_id uuid, through_seq bigint, last_hash text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT b."organization_id", b."through_seq", a."hash"
    FROM (
        SELECT o."id" AS "organization_id", COALESCE(
            (SELECT min(k."seq") - 1 FROM "audit_logs" k
             WHERE k."organization_id" = o."id" AND k."created_at" >= "audit_retention_cutoff"(o."plan")),
            (SELECT max(k."seq") FROM "audit_logs" k WHERE k."organization_id" = o."id")) AS "through_seq"
        FROM "organizations" o
    ) b
    JOIN "audit_logs" a ON a."organization_id" = b."organization_id" AND a."seq" = b."through_seq"
$$;

CREATE FUNCTION "purge_audit_prefix"(org uuid, upto bigint, upto_hash text, signature text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
DECLARE
    deleted bigint;
BEGIN
    -- Serialized with the chain's writers, and only ever an expired prefix ending at the named entry.
    PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:' || org::text, 0));
    IF NOT EXISTS (SELECT 1 FROM "audit_logs" a WHERE a."organization_id" = org AND a."seq" = upto AND a."hash" = upto_hash)
       OR EXISTS (SELECT 1 FROM "audit_logs" a JOIN "organizations" o ON o."id" = a."organization_id"
                  WHERE a."organization_id" = org AND a."seq" <= upto
                    AND a."created_at" >= "audit_retention_cutoff"(o."plan")) THEN
        RAISE EXCEPTION 'not an expired prefix of the audit chain' USING ERRCODE = 'check_violation';
    END IF;
    PERFORM set_config('app.audit_purge', 'on', true);
    DELETE FROM "audit_logs" a WHERE a."organization_id" = org AND a."seq" <= upto;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('app.audit_purge', '', true);
    INSERT INTO "audit_checkpoints" ("id", "organization_id", "through_seq", "last_hash", "purged_count", "signature")
    VALUES (gen_random_uuid(), org, upto, upto_hash, deleted, signature);
    RETURN deleted;
END $$;
REVOKE ALL ON FUNCTION "audit_purge_candidates"() FROM PUBLIC;
REVOKE ALL ON FUNCTION "purge_audit_prefix"(uuid, bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "audit_purge_candidates"() TO tenantry_app;
GRANT EXECUTE ON FUNCTION "purge_audit_prefix"(uuid, bigint, text, text) TO tenantry_app;

GRANT SELECT ON TABLE "audit_checkpoints" TO tenantry_app;
ALTER TABLE "audit_checkpoints" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_checkpoints" FORCE ROW LEVEL SECURITY;
CREATE POLICY "audit_checkpoints_select" ON "audit_checkpoints" FOR SELECT
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);

-- =====================================================================================================================
-- Notifications: tenant-owned (the recipient's membership is a composite foreign key, so removing the member removes
-- their notifications of that organization). Preferences are the user's own, global like the identity tables.
-- =====================================================================================================================
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "notifications" TO tenantry_app;
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
CREATE POLICY "notifications_tenant" ON "notifications"
    USING ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK ("organization_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "notification_preferences" TO tenantry_app;
