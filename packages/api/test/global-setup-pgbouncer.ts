// The global setup of vitest.pgbouncer.config.ts: the same database, reached through PgBouncer.
import type { TestProject } from "vitest/node";

import { setupTestDatabase } from "./global-setup.ts";

export default function setup(project: TestProject) {
  return setupTestDatabase(project, { throughPgBouncer: true });
}
