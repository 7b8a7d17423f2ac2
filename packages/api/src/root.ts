import { accountRouter } from "./router/account/router.ts";
import { adminRouter } from "./router/admin/router.ts";
import { agentRouter } from "./router/agent/router.ts";
import { apiKeyRouter } from "./router/api-key/router.ts";
import { auditRouter } from "./router/audit/router.ts";
import { authRouter } from "./router/auth/router.ts";
import { chatRouter } from "./router/chat/router.ts";
import { invitationRouter } from "./router/invitation/router.ts";
import { knowledgeRouter } from "./router/knowledge/router.ts";
import { licenseRouter } from "./router/license/router.ts";
import { memberRouter } from "./router/member/router.ts";
import { notificationRouter } from "./router/notification/router.ts";
import { organizationRouter } from "./router/organization/router.ts";
import { planRouter } from "./router/plan/router.ts";
import { projectRouter } from "./router/project/router.ts";
import { roleRouter } from "./router/role/router.ts";
import { sessionRouter } from "./router/session/router.ts";
import { tagRouter } from "./router/tag/router.ts";
import { taskRouter } from "./router/task/router.ts";
import { teamRouter } from "./router/team/router.ts";
import { usageRouter } from "./router/usage/router.ts";
import { webhookRouter } from "./router/webhook/router.ts";
import { createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  admin: adminRouter,
  agent: agentRouter,
  audit: auditRouter,
  auth: authRouter,
  chat: chatRouter,
  invitation: invitationRouter,
  knowledge: knowledgeRouter,
  license: licenseRouter,
  member: memberRouter,
  notification: notificationRouter,
  organization: organizationRouter,
  plan: planRouter,
  project: projectRouter,
  role: roleRouter,
  session: sessionRouter,
  tag: tagRouter,
  task: taskRouter,
  team: teamRouter,
  usage: usageRouter,
  webhook: webhookRouter,
  apiKey: apiKeyRouter,
});

export type AppRouter = typeof appRouter;
