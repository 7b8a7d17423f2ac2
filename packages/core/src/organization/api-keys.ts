// Managing an organization's API keys: list, create (shown once), revoke, rotate with a grace period. A key's scopes
// never exceed what its creator holds when it is created; at use they are capped again to the creator's current
// permissions (api-key-verify.ts, docs/api-keys.md).
import type { Prisma, TenantDb } from "@tenantry/db";
import type {
  TApiKeyOutput,
  TCreateApiKeyParsed,
  TCreatedApiKeyOutput,
  TPermission,
  TRotateApiKeyParsed,
} from "@tenantry/validators";
import { isPermission, missingPermissions } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { fieldError, ForbiddenError, NotFoundError } from "../errors.ts";
import { displayHint, generateApiKey } from "./api-key-secret.ts";
import { limitError, lockOrganizationLimits } from "./plan.ts";

const LIST_MAX = 200;

const apiKeySelect = {
  id: true,
  name: true,
  hint: true,
  scopes: true,
  ipAllowlist: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  replacedById: true,
  lastUsedAt: true,
  lastUsedIp: true,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.ApiKeySelect;

type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

function toOutput(row: ApiKeyRow): TApiKeyOutput {
  return {
    ...row,
    hint: displayHint(row.hint),
    scopes: row.scopes.filter(isPermission),
  };
}

const keyNotFound = () => new NotFoundError("API key not found");

/** Keys that still authenticate (not revoked, not expired) count against the plan. */
function activeKeysWhere(organizationId: string, now: Date): Prisma.ApiKeyWhereInput {
  return {
    organizationId,
    revokedAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  };
}

function assertWithinCreator(actor: MemberActor, scopes: readonly TPermission[]): void {
  const missing = missingPermissions(actor.membership.permissions, scopes);
  if (missing.length > 0) {
    throw new ForbiddenError(
      `A key cannot have permissions you lack: ${missing.map((p) => `"${p}"`).join(", ")}`,
    );
  }
}

export async function listApiKeys(db: TenantDb, actor: MemberActor): Promise<TApiKeyOutput[]> {
  const rows = await db.apiKey.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_MAX,
    select: apiKeySelect,
  });
  return rows.map(toOutput);
}

export async function createApiKey(
  db: TenantDb,
  actor: MemberActor,
  input: TCreateApiKeyParsed,
  now = new Date(),
): Promise<TCreatedApiKeyOutput> {
  assertWithinCreator(actor, input.scopes);
  if (input.expiresAt !== null && input.expiresAt <= now) {
    throw fieldError("expiresAt", "The expiry must be in the future");
  }
  const limits = await lockOrganizationLimits(db, actor.organizationId);
  const max = limits.limits.maxApiKeys;
  if (max !== null) {
    const active = await db.apiKey.count({ where: activeKeysWhere(actor.organizationId, now) });
    if (active >= max) throw limitError(limits, "maxApiKeys", "active API keys", "revoke one");
  }
  const generated = generateApiKey();
  const row = await db.apiKey.create({
    data: {
      organizationId: actor.organizationId,
      name: input.name,
      secretHash: generated.hash,
      hint: generated.hint,
      scopes: input.scopes,
      ipAllowlist: input.ipAllowlist,
      expiresAt: input.expiresAt,
      createdById: actor.userId,
    },
    select: apiKeySelect,
  });
  await recordAudit(db, actor, {
    action: "apikey.created",
    targetType: "api_key",
    targetId: row.id,
    metadata: { name: row.name, scopes: row.scopes },
  });
  return { key: toOutput(row), secret: generated.secret };
}

export async function revokeApiKey(
  db: TenantDb,
  actor: MemberActor,
  input: { id: string },
  now = new Date(),
): Promise<TApiKeyOutput> {
  const where = { organizationId: actor.organizationId, id: input.id };
  const { count } = await db.apiKey.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: now },
  });
  const row = await db.apiKey.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    select: apiKeySelect,
  });
  if (!row) throw keyNotFound();
  if (count > 0) {
    await recordAudit(db, actor, {
      action: "apikey.revoked",
      targetType: "api_key",
      targetId: row.id,
    });
  }
  return toOutput(row);
}

/**
 * A new key with the old one's name, scopes, allowlist and expiry, created by the rotating member (so it is capped
 * by their permissions from now on). The old key keeps working for `graceHours`, then expires. The new key is not
 * counted against the plan: the pair is one key in transition.
 */
export async function rotateApiKey(
  db: TenantDb,
  actor: MemberActor,
  input: TRotateApiKeyParsed,
  now = new Date(),
): Promise<TCreatedApiKeyOutput> {
  const old = await db.apiKey.findFirst({
    where: { ...activeKeysWhere(actor.organizationId, now), id: input.id, replacedById: null },
    select: { id: true, name: true, scopes: true, ipAllowlist: true, expiresAt: true },
  });
  if (!old) throw keyNotFound();
  const scopes = old.scopes.filter(isPermission);
  assertWithinCreator(actor, scopes);
  const generated = generateApiKey();
  const graceEnd = new Date(now.getTime() + input.graceHours * 3_600_000);
  const row = await db.apiKey.create({
    data: {
      organizationId: actor.organizationId,
      name: old.name,
      secretHash: generated.hash,
      hint: generated.hint,
      scopes,
      ipAllowlist: old.ipAllowlist,
      expiresAt: old.expiresAt,
      createdById: actor.userId,
    },
    select: apiKeySelect,
  });
  await db.apiKey.updateMany({
    where: { organizationId: actor.organizationId, id: old.id },
    data: {
      replacedById: row.id,
      expiresAt: old.expiresAt !== null && old.expiresAt < graceEnd ? old.expiresAt : graceEnd,
    },
  });
  await recordAudit(db, actor, {
    action: "apikey.rotated",
    targetType: "api_key",
    targetId: old.id,
    metadata: { replacedBy: row.id, graceHours: input.graceHours },
  });
  return { key: toOutput(row), secret: generated.secret };
}
