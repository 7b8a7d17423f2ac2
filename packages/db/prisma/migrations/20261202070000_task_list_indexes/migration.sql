-- A project's newest tasks: a backward scan of (organization_id, project_id, id) stops after the page's 51 rows.
-- Through (organization_id, project_id, status, id) the planner had to read every task of the project (2,000 in
-- the HTTP bench) and sort them, because a page excludes one status and orders by id across the others.
CREATE INDEX "tasks_organization_id_project_id_id_idx" ON "tasks"("organization_id", "project_id", "id" DESC);

-- organization_id and project_id are correlated (a project lives in one organization); without these statistics
-- the planner multiplies their selectivities and misjudges how many rows a project filter leaves.
CREATE STATISTICS "tasks_organization_id_project_id_stats" (dependencies, ndistinct)
  ON "organization_id", "project_id" FROM "tasks";
