// Validated configuration of the domain (attachments, storage, identity timing); the only place in this package
// that reads process.env.
import { hkdfSync } from "node:crypto";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** Types an attachment may have by default: documents, images and plain data, nothing executable. */
const DEFAULT_ATTACHMENT_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
  "text/csv",
  "text/markdown",
  "application/json",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
].join(",");

const flag = (fallback: "0" | "1") =>
  z
    .enum(["true", "false", "1", "0"])
    .default(fallback)
    .transform((v) => v === "true" || v === "1");

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** The queue's database (pg-boss creates its `pgboss` schema there); defaults to DATABASE_URL. */
    JOBS_DATABASE_URL: z.url().optional(),
    DATABASE_URL: z.url().optional(),
    /**
     * 32 bytes, base64: encrypts webhook signing secrets at rest (AES-256-GCM). Required in production; outside it a
     * fixed development key is used when unset.
     */
    WEBHOOK_SECRET_KEY: z.string().min(40).optional(),
    /** Allows webhook targets on private, loopback and link-local addresses (local development and tests only). */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: flag("0"),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Attempts per delivery before giving up; with the default base they span about three days. */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(13),
    /** Delay before the first retry; each further retry doubles it (with ±20% jitter). */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
    /** Failed attempts in a row after which an endpoint is disabled. */
    WEBHOOK_MAX_CONSECUTIVE_FAILURES: z.coerce.number().int().min(1).max(1000).default(20),
    /**
     * Whether owners may move their organization to a higher plan themselves. Off by default (no billing is wired
     * in): "Upgrade" then sends a request that platform admins approve or decline. Downgrades that fit are always
     * self-service.
     */
    PLAN_SELF_SERVICE_UPGRADES: flag("0"),
    /**
     * Sign-up, password reset and verification resend answer this long after the password check, whatever the
     * address (identity/fixed-time.ts): their timing does not reveal whether it is registered.
     */
    AUTH_IDENTITY_RESPONSE_MS: z.coerce.number().int().min(0).max(10_000).default(500),
    /** Where attachments are stored on local disk. `pnpm dev` points it at .data/attachments. */
    ATTACHMENTS_DIR: z.string().min(1).default(".data/attachments"),
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_073_741_824)
      .default(10 * 1024 * 1024),
    /** Largest knowledge-base document accepted (text, Markdown or PDF), in bytes. */
    KNOWLEDGE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_073_741_824)
      .default(10 * 1024 * 1024),
    /** Most text extracted from one document (characters); the rest is cut off and the document says so. */
    KNOWLEDGE_MAX_CHARS: z.coerce.number().int().min(1000).max(50_000_000).default(2_000_000),
    /** With a bucket set, attachments go to this S3-compatible store instead of ATTACHMENTS_DIR. */
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Path-style URLs (endpoint/bucket/key), which MinIO and most self-hosted stores need. */
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false", "1", "0"])
      .default("true")
      .transform((v) => v === "true" || v === "1"),
    /**
     * Signs the audit-chain checkpoints that retention leaves (HMAC-SHA256). Required in production; elsewhere a fixed
     * development key applies, so that checkpoints made there prove nothing.
     */
    AUDIT_CHECKPOINT_KEY: z.string().min(32).optional(),
    /** Without AUDIT_CHECKPOINT_KEY, the checkpoint key is derived from it (as the auth package derives its keys). */
    AUTH_SECRET: z.string().min(1).optional(),
    /** How often each process writes its buffered API request counts to the database (usage/meter.ts). */
    USAGE_FLUSH_INTERVAL_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    /** How long a monthly quota check trusts the durable month total it read (plus its own buffer) before rereading. */
    USAGE_QUOTA_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
    /**
     * Days the hourly API usage rows are kept (usage/retention.ts); older days live on as daily rows, kept for good.
     * At least 35, so the current month's quota is always read from hourly rows.
     */
    USAGE_HOURLY_RETENTION_DAYS: z.coerce.number().int().min(35).max(3_650).default(90),
    /**
     * The assistant's model: any OpenAI-compatible chat-completions endpoint (OpenAI, Azure's compatible route, vLLM,
     * Ollama, LiteLLM…). With neither a base URL nor a key set, the chat answers from the knowledge base only.
     */
    ASSISTANT_BASE_URL: z.url().optional(),
    ASSISTANT_API_KEY: z.string().min(1).optional(),
    /** The default model; an agent's own model overrides it. */
    ASSISTANT_MODEL: z.string().min(1).max(200).default("gpt-4o-mini"),
    ASSISTANT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(120_000),
    ATTACHMENT_ALLOWED_TYPES: z
      .string()
      .default(DEFAULT_ATTACHMENT_TYPES)
      .transform(
        (s) =>
          new Set(
            s
              .split(",")
              .map((t) => t.trim().toLowerCase())
              .filter(Boolean),
          ),
      ),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

/** Largest accepted attachment; the web routes size their request-body cap for uploads from it. */
export const attachmentMaxBytes = (): number => env.ATTACHMENT_MAX_BYTES;

const DEVELOPMENT_CHECKPOINT_KEY = "tenantry-development-audit-checkpoint-key-not-secret";

/** The audit checkpoint signing key; refuses to run production on the development key. */
export function auditCheckpointKey(): string {
  if (env.AUDIT_CHECKPOINT_KEY) return env.AUDIT_CHECKPOINT_KEY;
  if (env.AUTH_SECRET) {
    return Buffer.from(
      hkdfSync("sha256", env.AUTH_SECRET, "", "tenantry audit checkpoint", 32),
    ).toString("hex");
  }
  if (env.NODE_ENV === "production") {
    throw new Error("AUDIT_CHECKPOINT_KEY (or AUTH_SECRET) must be set in production");
  }
  return DEVELOPMENT_CHECKPOINT_KEY;
}

/** Largest accepted knowledge document; the upload route sizes its request-body cap from it. */
export const knowledgeMaxBytes = (): number => env.KNOWLEDGE_MAX_BYTES;
