// Framework-free auth surface for the API and scripts; Next.js wiring lives in ./next.ts.
export { hashPassword, verifyPassword, ARGON2_OPTIONS } from "./password.ts";
export { checkPasswordPolicy, isCommonPassword, commonPasswordCount } from "./password-policy.ts";
export {
  signInWithPassword,
  getSignInLockStatus,
  unlockSignIn,
  lockPolicyFromEnv,
} from "./credentials.ts";
export type { AuthenticatedUser, SignInResult, LockPolicy } from "./credentials.ts";
export { clientInfo, clientIp } from "./client-info.ts";
export type { ClientInfo } from "./client-info.ts";
export {
  createSession,
  resolveSession,
  revokeSession,
  revokeUserSessions,
  listUserSessions,
  sessionLifetimes,
  setActiveOrganization,
} from "./session.ts";
export type { ResolvedSession, SessionKind, SessionLifetimes, RevokeReason } from "./session.ts";
export { signAccessToken, verifyAccessToken, bearerToken } from "./access-token.ts";
export type { AccessTokenClaims } from "./access-token.ts";
export { startTokenSession, refreshTokenPair, revokeTokenFamily } from "./token-session.ts";
export type { TokenPair, RefreshResult } from "./token-session.ts";
export {
  SignInLimiter,
  createLimiter,
  createLimiterRedis,
  getSignInLimiter,
  limiterRedis,
} from "./rate-limit.ts";
export type { LimitRule, LimitVerdict, SignInLimits } from "./rate-limit.ts";
export { issueEmailToken, consumeEmailToken } from "./email-token.ts";
export type { ConsumedEmailToken } from "./email-token.ts";
export { sendMail, listOutbox, deliverStoredMail, smtpConfigured } from "./mailer.ts";
export type { Mail } from "./mailer.ts";
export { generateSecretToken, hashSecretToken } from "./secret-token.ts";
export {
  appUrl,
  mailIsSent,
  outboxForRecipients,
  outboxPageEnabled,
  rateLimitPrefix,
} from "./env.ts";
export { signOutboxPass, verifyOutboxPass, OUTBOX_PASS_TTL_SECONDS } from "./outbox-pass.ts";
export { resolveOAuthSignIn, oauthProviderConfigs, githubVerifiedPrimaryEmail } from "./oauth.ts";
export type {
  OAuthEnv,
  OAuthProviderConfig,
  OAuthProviderId,
  OAuthSignInInput,
  OAuthSignInResult,
  OAuthSignInRefusal,
} from "./oauth.ts";

/**
 * The signed-in identity the API trusts. Requests produce it from a next-auth session cookie (web) or a bearer
 * access token, and then `sessionId` names the auth_sessions row that authedProcedure re-checks on every call.
 * Only in-process callers (tests, scripts, jobs) build one without a sessionId.
 */
export interface AuthSession {
  user: { id: string; email: string; name: string };
  sessionId?: string;
}
