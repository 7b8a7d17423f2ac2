-- Retention of the hourly usage rows (usage/retention.ts): the scheduled job needs to know which organizations have
-- hourly rows older than the retention cutoff, then folds and deletes them in each organization's own tenant
-- transaction. Like api_usage_organizations_since: ids only, as the migration owner with row_security off.
CREATE FUNCTION "api_usage_organizations_before"(before timestamptz)
    RETURNS TABLE ("organization_id" uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT DISTINCT h."organization_id" FROM "api_usage_hourly" h WHERE h."hour" < before
$$;
REVOKE ALL ON FUNCTION "api_usage_organizations_before"(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "api_usage_organizations_before"(timestamptz) TO tenantry_app;
