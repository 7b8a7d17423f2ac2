-- Audit-log retention per plan. The application role has no DELETE on audit_logs (append-only), so retention runs
-- through this one function: it removes only entries older than the organization's plan allows and takes no
-- arguments, so a caller cannot choose what to delete. The retention days must equal PLANS[plan].auditRetentionDays
-- in packages/api/src/services/plan.ts; a test there checks both agree.
-- Like organizations_due_for_purge, it runs as the migration owner with row_security off: it fails loudly rather
-- than deleting nothing if that owner were ever subject to RLS (migrations run as a superuser or BYPASSRLS role).
CREATE FUNCTION "purge_expired_audit_logs"()
    RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    WITH deleted AS (
        DELETE FROM "audit_logs" a
        USING "organizations" o
        WHERE o."id" = a."organization_id"
          AND a."created_at" < now() - make_interval(days => CASE o."plan"
                WHEN 'FREE' THEN 30
                WHEN 'PRO' THEN 365
                ELSE 2555
              END)
        RETURNING 1
    )
    SELECT count(*) FROM deleted
$$;
REVOKE ALL ON FUNCTION "purge_expired_audit_logs"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "purge_expired_audit_logs"() TO tenantry_app;
