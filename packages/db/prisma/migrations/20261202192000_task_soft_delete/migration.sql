-- Soft delete for tasks: a deleted task (and the subtasks deleted with it, same timestamp) disappears from every
-- read but can be restored for 30 days; then the scheduled purge removes it for good. The column is covered by the
-- existing tenant-isolation policy of "tasks" (no new policy).
ALTER TABLE "tasks" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);

-- The purge's scan: the oldest deleted tasks of every organization.
CREATE INDEX "tasks_deleted_at_idx" ON "tasks"("deleted_at");

-- The scheduled purge runs with no tenant, so this function (SECURITY DEFINER, row_security off, as
-- purge_expired_idempotency_keys) hard-deletes at most max_rows tasks deleted before `cutoff` and returns the count.
-- Subtasks of a purged task are detached first (parent_id is NO ACTION) in case a batch splits a parent from its
-- subtasks; comments, attachments, assignees, tags and the timeline go with the task (ON DELETE CASCADE).
CREATE FUNCTION "purge_deleted_tasks"(cutoff timestamptz, max_rows integer)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
DECLARE
    orgs uuid[];
    ids uuid[];
    n integer;
BEGIN
    SELECT array_agg(s."organization_id"), array_agg(s."id") INTO orgs, ids FROM (
        SELECT t."organization_id", t."id" FROM "tasks" t
        WHERE t."deleted_at" IS NOT NULL AND t."deleted_at" <= cutoff
        ORDER BY t."deleted_at"
        LIMIT LEAST(GREATEST(max_rows, 0), 10000)
        FOR UPDATE SKIP LOCKED) s;
    IF ids IS NULL THEN
        RETURN 0;
    END IF;
    UPDATE "tasks" c SET "parent_id" = NULL
        WHERE (c."organization_id", c."parent_id") IN (SELECT * FROM unnest(orgs, ids));
    DELETE FROM "tasks" t WHERE (t."organization_id", t."id") IN (SELECT * FROM unnest(orgs, ids));
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
REVOKE ALL ON FUNCTION "purge_deleted_tasks"(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "purge_deleted_tasks"(timestamptz, integer) TO tenantry_app;
