import { auditRouter } from "./router/audit/router.ts";
import { organizationRouter } from "./router/organization/router.ts";
import { projectRouter } from "./router/project/router.ts";
import { createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  audit: auditRouter,
  organization: organizationRouter,
  project: projectRouter,
});

export type AppRouter = typeof appRouter;
