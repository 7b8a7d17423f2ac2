import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root.ts";
import { appRouter } from "./root.ts";
import { createCallerFactory } from "./trpc.ts";

/** Server-side caller (React Server Components, scripts, tests) running the real middleware chain. */
const createCaller = createCallerFactory(appRouter);

export { appRouter, createCaller };
export type { AppRouter };
export { createInnerTRPCContext, createTRPCContext, ORGANIZATION_HEADER } from "./context.ts";
export type { Context } from "./context.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { checkDatabase } from "./services/health.ts";
export { tokenLogin, tokenRefresh, tokenLogout } from "./services/identity.ts";
export type { TokenLoginResult } from "./services/identity.ts";
export { attachmentKey, getStorage } from "./storage/index.ts";
export { attachmentMaxBytes } from "./env.ts";
export { purgeDeletedOrganizations } from "./services/organization.ts";
export { purgeExpiredAuditLogs } from "./services/audit-retention.ts";
export {
  INTERNAL_MESSAGE,
  internalMessage,
  isTRPCError,
  retryAfterOf,
  toPublicError,
  UNAVAILABLE_MESSAGE,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from "./public-errors.ts";
export { REQUEST_ID_HEADER, requestIdFrom } from "./request-id.ts";
export { settleBackgroundWork } from "./services/fixed-time.ts";
