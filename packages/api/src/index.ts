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
// The one credential check of tRPC and the REST handlers (sessions, access tokens, organization API keys).
export { authenticate } from "./authenticate.ts";
export type { AuthenticatedContext } from "./authenticate.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
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
export { rateLimitHeadersOf } from "./rate-limit-headers.ts";
export { trpcResponseMeta } from "./response-meta.ts";
// The domain's entry points apps call directly, re-exported so the web app keeps importing them from here.
export {
  attachmentKey,
  attachmentMaxBytes,
  knowledgeMaxBytes,
  checkDatabase,
  getStorage,
  purgeDeletedOrganizations,
  purgeExpiredAuditLogs,
  settleBackgroundWork,
  tokenLogin,
  tokenLogout,
  tokenRefresh,
} from "@tenantry/core";
export type { TokenLoginResult } from "@tenantry/core";
// The request meter's shutdown flush: the web server calls it before exiting so no buffered count is lost.
export { flushUsage } from "@tenantry/core/usage/process-meter";
