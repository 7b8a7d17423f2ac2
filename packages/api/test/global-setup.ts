// Provisions one fresh, migrated database for this package's run and drops it afterwards.
import type { TestProject } from "vitest/node";

import { provisionTestDatabase } from "@tenantry/db/testing";

declare module "vitest" {
  export interface ProvidedContext {
    database: { adminUrl: string; appUrl: string; backend: "server" | "embedded" };
  }
}

export default async function setup(project: TestProject) {
  const database = await provisionTestDatabase({ label: "api" });
  project.provide("database", {
    adminUrl: database.adminUrl,
    appUrl: database.appUrl,
    backend: database.backend,
  });
  return async () => {
    await database.drop();
  };
}
