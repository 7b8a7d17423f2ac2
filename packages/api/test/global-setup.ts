// The API's test run gets its own database and attachment directory, provisioned as the core's are.
import type { TestProject } from "vitest/node";

import { provideTestEnvironment } from "@tenantry/core/testing/global-setup";

export default function setup(project: TestProject) {
  return provideTestEnvironment(project, "api");
}
