// The domain: every service any transport (tRPC, REST, jobs) calls, and the errors they throw. Services are
// imported by their domain path (`@tenantry/core/work/project`); this entry holds what apps and jobs call directly.
export * from "./errors.ts";
export type { Actor, ActorMembership, MemberActor, RequestMeta } from "./actor.ts";
export { checkDatabase } from "./health.ts";
export { tokenLogin, tokenRefresh, tokenLogout } from "./identity/identity.ts";
export type { TokenLoginResult } from "./identity/identity.ts";
export { settleBackgroundWork } from "./identity/fixed-time.ts";
export { attachmentKey, getStorage } from "./storage/index.ts";
export type { Storage } from "./storage/index.ts";
export { attachmentMaxBytes, knowledgeMaxBytes } from "./env.ts";
export { purgeDeletedOrganizations } from "./organization/organization.ts";
export { purgeExpiredAuditLogs } from "./audit/audit-retention.ts";
export { notify, notifyAdmins } from "./notifications/notify.ts";
export type { NotifyInput } from "./notifications/notify.ts";
export { verifyAuditChain, checkpointSignature } from "./audit/audit-chain.ts";
