// The client's test run gets its own database, provisioned as the core's is.
import type { TestProject } from "vitest/node";

import { provideTestEnvironment } from "@tenantry/core/testing/global-setup";

export default function setup(project: TestProject) {
  return provideTestEnvironment(project, "client");
}
