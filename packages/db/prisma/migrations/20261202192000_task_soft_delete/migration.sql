-- Soft delete for tasks: a deleted task (and the subtasks deleted with it, same timestamp) disappears from every
-- read but can be restored for 30 days; then the scheduled purge removes it for good. The column is covered by the
-- existing tenant-isolation policy of "tasks" (no new policy).
ALTER TABLE "tasks" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);

-- The purge's scan: the oldest deleted tasks of every organization.
CREATE INDEX "tasks_deleted_at_idx" ON "tasks"("deleted_at");

-- The scheduled purge (work/task-purge.ts) needs to know which organizations have tasks past the restore window,
-- then purges each organization in its own tenant transaction (storage released, files removed). Like
-- api_usage_organizations_before: ids only, as the migration owner with row_security off.
CREATE FUNCTION "task_organizations_deleted_before"(cutoff timestamptz)
    RETURNS TABLE ("organization_id" uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT DISTINCT t."organization_id" FROM "tasks" t
    WHERE t."deleted_at" IS NOT NULL AND t."deleted_at" <= cutoff
$$;
REVOKE ALL ON FUNCTION "task_organizations_deleted_before"(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "task_organizations_deleted_before"(timestamptz) TO tenantry_app;
