// Validated auth configuration; the only place in this package that reads process.env.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const seconds = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const flag = z
  .enum(["1", "0", "true", "false"])
  .default("0")
  .transform((v) => v === "1" || v === "true");

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Signs session cookies. `pnpm dev` generates one into .data/ when unset; production must set it.
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    /** Absolute lifetime of a session (browser or token client), whatever the activity. */
    AUTH_SESSION_MAX_AGE_SECONDS: seconds(2_592_000, 300, 31_536_000),
    /** A session unused for this long stops working. */
    AUTH_SESSION_IDLE_SECONDS: seconds(604_800, 300, 31_536_000),
    /** lastSeenAt is written at most this often per session (one write per minute instead of per request). */
    AUTH_SESSION_TOUCH_SECONDS: seconds(60, 0, 3_600),
    /** HS256 key of access tokens for API clients; derived from AUTH_SECRET (HKDF) when unset. */
    AUTH_JWT_SECRET: z
      .string()
      .min(32, "AUTH_JWT_SECRET must be at least 32 characters")
      .optional(),
    AUTH_ACCESS_TOKEN_TTL_SECONDS: seconds(900, 30, 900),
    /** A refresh token used again within this many seconds (concurrent refreshes) is not treated as reuse. */
    AUTH_REFRESH_REUSE_GRACE_SECONDS: seconds(10, 0, 300),
    /** Failed sign-ins allowed per account (email) and per client IP within the window before 429. */
    AUTH_SIGNIN_ACCOUNT_LIMIT: seconds(5, 1, 1_000),
    AUTH_SIGNIN_IP_LIMIT: seconds(50, 1, 100_000),
    AUTH_SIGNIN_WINDOW_SECONDS: seconds(900, 10, 86_400),
    /** Consecutive failures that lock an account, and for how long. */
    AUTH_LOCKOUT_THRESHOLD: seconds(10, 2, 1_000),
    AUTH_LOCKOUT_SECONDS: seconds(900, 10, 604_800),
    AUTH_VERIFY_TOKEN_TTL_SECONDS: seconds(86_400, 300, 1_209_600),
    AUTH_RESET_TOKEN_TTL_SECONDS: seconds(3_600, 300, 86_400),
    /** Rate limiter store; memory (per process) when unset. */
    REDIS_URL: z.url().optional(),
    /** Namespace of the limiter keys in Redis (separate deployments or test runs sharing one Redis). */
    AUTH_RATE_LIMIT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/)
      .default("tenantry"),
    /** smtp(s)://user:pass@host:port; mail goes to the mail_outbox table (shown at /dev/outbox) when unset. */
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().min(3).max(200).default("Tenantry <no-reply@tenantry.localhost>"),
    /** Public base URL for links in mail. Never taken from the request's Host header (reset-link poisoning). */
    APP_URL: z.url().optional(),
    AUTH_URL: z.url().optional(),
    /** Shows /dev/outbox in production builds too (e2e); it is always on outside production. */
    DEV_OUTBOX_ENABLED: flag,
    /**
     * In a production build without SMTP_URL: /dev/outbox shows each signed-in user the mail addressed to them (a
     * platform admin all of it). The launcher (`pnpm start`) sets it when no SMTP_URL is configured.
     */
    OUTBOX_FOR_RECIPIENTS: flag,
    /** OAuth apps; a provider is offered only when both its id and secret are set. */
    AUTH_GITHUB_ID: z.string().min(1).max(200).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).max(500).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).max(500).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).max(500).optional(),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

export const appUrl = (): string => {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  // AUTH_URL may name next-auth's base path (…/api/auth); only its origin is the app.
  return env.AUTH_URL ? new URL(env.AUTH_URL).origin : "http://localhost:3000";
};

/**
 * The configured public origins of the app (APP_URL and AUTH_URL, when set): browsers on them may make
 * cookie-authenticated state changes besides the request's own origin (see apps/web/src/server/same-origin.ts).
 */
export const publicOrigins = (): string[] => {
  const origins = [env.APP_URL, env.AUTH_URL].flatMap((url) => (url ? [new URL(url).origin] : []));
  return [...new Set(origins)];
};

export const outboxPageEnabled = (): boolean =>
  env.NODE_ENV !== "production" || env.DEV_OUTBOX_ENABLED;

/**
 * Whether mail leaves the server. Without SMTP a production build stores it in the outbox, which only platform
 * admins may read (the page never shows one user's mail to another), so an operator can pass a link on.
 */
export const mailIsSent = (): boolean => !!env.SMTP_URL;

/** Whether the outbox shows each recipient their own mail: only when mail is not sent (see OUTBOX_FOR_RECIPIENTS). */
export const outboxForRecipients = (): boolean => !mailIsSent() && env.OUTBOX_FOR_RECIPIENTS;

export const rateLimitPrefix = (): string => env.AUTH_RATE_LIMIT_PREFIX;
