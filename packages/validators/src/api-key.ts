// Organization API key schemas. The secret appears in exactly one output (ZCreatedApiKeyOutput), once.
import { z } from "zod";

import { boundedText, ZId, ZSafeDate } from "./common.ts";
import { PERMISSIONS, ZPermission } from "./permissions.ts";

export const API_KEY_NAME_MAX = 80;
export const API_KEY_IP_ALLOWLIST_MAX = 20;
/** Rotation keeps the old key working this long by default, then it stops (hours). */
export const API_KEY_DEFAULT_GRACE_HOURS = 24;
export const API_KEY_MAX_GRACE_HOURS = 24 * 7;

/** One address or a CIDR range, IPv4 or IPv6. */
export const ZIpRange = z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()], {
  error: "Must be an IP address or a CIDR range such as 203.0.113.0/24",
});

export const ZCreateApiKeyInput = z.object({
  name: boundedText("Name", API_KEY_NAME_MAX),
  scopes: z
    .array(ZPermission)
    .min(1, "Choose at least one scope")
    .max(PERMISSIONS.length)
    .transform((scopes) => [...new Set(scopes)]),
  expiresAt: ZSafeDate.nullable().default(null),
  ipAllowlist: z.array(ZIpRange).max(API_KEY_IP_ALLOWLIST_MAX).default([]),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;
export type TCreateApiKeyParsed = z.output<typeof ZCreateApiKeyInput>;

export const ZApiKeyIdInput = z.object({ id: ZId });

export const ZRotateApiKeyInput = z.object({
  id: ZId,
  graceHours: z
    .number()
    .int()
    .min(0)
    .max(API_KEY_MAX_GRACE_HOURS)
    .default(API_KEY_DEFAULT_GRACE_HOURS),
});
export type TRotateApiKeyInput = z.input<typeof ZRotateApiKeyInput>;
export type TRotateApiKeyParsed = z.output<typeof ZRotateApiKeyInput>;

export const ZApiKeyOutput = z.object({
  id: ZId,
  name: z.string(),
  /** `tnt_live_…abcd`: enough to recognise a key, never to use it. */
  hint: z.string(),
  scopes: z.array(ZPermission),
  ipAllowlist: z.array(z.string()),
  createdBy: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  replacedById: ZId.nullable(),
  lastUsedAt: z.date().nullable(),
  lastUsedIp: z.string().nullable(),
});
export type TApiKeyOutput = z.infer<typeof ZApiKeyOutput>;

export const ZCreatedApiKeyOutput = z.object({
  key: ZApiKeyOutput,
  /** The full key; shown once and never stored. */
  secret: z.string(),
});
export type TCreatedApiKeyOutput = z.infer<typeof ZCreatedApiKeyOutput>;
