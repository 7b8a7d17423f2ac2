// Verifying an API key on each request. Two halves: `lookupApiKey` (before any tenant is known: format, checksum,
// hash → row, IP allowlist) and `assertApiKeyLive` (inside the request's tenant transaction: revocation, expiry,
// the creator's status, last-used). The lookup result is cached in process for API_KEY_CACHE_TTL_MS; everything a
// revocation, an expiry or a suspension changes is read again by assertApiKeyLive on every call, so the cache never
// delays them: revoking takes effect on the next request, in every process.
import { createHash } from "node:crypto";
import ipaddr from "ipaddr.js";

import type { Db, PlatformRole, TenantDb, UserStatus } from "@tenantry/db";
import type { Permission } from "@tenantry/validators";
import { isPermission } from "@tenantry/validators";

import { UnauthenticatedError } from "../errors.ts";
import { hashApiKey, isWellFormedApiKey } from "./api-key-secret.ts";

export const API_KEY_CACHE_TTL_MS = 30_000;
const API_KEY_CACHE_MAX = 10_000;
/** last_used_at / last_used_ip are written at most this often per key. */
export const API_KEY_LAST_USED_INTERVAL_MS = 60_000;

export interface ApiKeyPrincipal {
  id: string;
  organizationId: string;
  scopes: ReadonlySet<Permission>;
  /** The creator, as whom the key acts (docs/api-keys.md). */
  user: { id: string; email: string; name: string; status: UserStatus; platformRole: PlatformRole };
}

interface LookupRow {
  id: string;
  organization_id: string;
  created_by_id: string;
  scopes: string[] | null;
  ip_allowlist: string[] | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_email: string;
  user_name: string;
  user_status: UserStatus;
  user_platform_role: PlatformRole;
}

interface CacheEntry {
  row: LookupRow;
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  cachedAt: number;
}

/** Insertion-ordered Map as an LRU: a hit is re-inserted, the oldest entry goes when full. */
const cache = new Map<string, CacheEntry>();

/** Drops every cached lookup (benchmarks measure the uncached path with it; tests start clean). */
export function clearApiKeyCache(): void {
  cache.clear();
}

/** The unauthenticated answer for every failure, so the caller learns nothing about why. */
export const invalidApiKey = () => new UnauthenticatedError("Invalid API key");

function parseRanges(list: readonly string[]): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return list.map((entry) => {
    if (entry.includes("/")) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === "ipv4" ? 32 : 128];
  });
}

function ipAllowed(ranges: CacheEntry["ranges"], ip: string): boolean {
  if (ranges.length === 0) return true;
  if (!ipaddr.isValid(ip)) return false;
  // An IPv4-mapped IPv6 address (::ffff:203.0.113.7, as a dual-stack socket reports it) is its IPv4 address.
  const address = ipaddr.process(ip);
  return ranges.some(
    ([range, bits]) => range.kind() === address.kind() && address.match(range, bits),
  );
}

async function cachedLookup(db: Db, token: string, now: number): Promise<CacheEntry | null> {
  const hash = hashApiKey(token);
  const cacheKey = createHash("sha256").update(hash).digest("base64");
  const hit = cache.get(cacheKey);
  if (hit && now - hit.cachedAt < API_KEY_CACHE_TTL_MS) {
    cache.delete(cacheKey);
    cache.set(cacheKey, hit);
    return hit;
  }
  const rows = await db.$queryRaw<LookupRow[]>`SELECT * FROM api_key_lookup(${hash})`;
  const row = rows[0];
  if (!row) {
    cache.delete(cacheKey);
    return null;
  }
  const entry: CacheEntry = { row, ranges: parseRanges(row.ip_allowlist ?? []), cachedAt: now };
  if (cache.size >= API_KEY_CACHE_MAX) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(cacheKey, entry);
  return entry;
}

/**
 * The key a bearer credential names, or UnauthenticatedError. A malformed key or a bad checksum is refused before
 * any query; a revoked or expired key known as such to the cache is refused without one too.
 */
export async function lookupApiKey(
  db: Db,
  token: string,
  ip: string,
  now = new Date(),
): Promise<ApiKeyPrincipal> {
  if (!isWellFormedApiKey(token)) throw invalidApiKey();
  const entry = await cachedLookup(db, token, now.getTime());
  if (!entry) throw invalidApiKey();
  const { row } = entry;
  if (row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) {
    throw invalidApiKey();
  }
  if (row.user_status !== "ACTIVE" || !ipAllowed(entry.ranges, ip)) throw invalidApiKey();
  return {
    id: row.id,
    organizationId: row.organization_id,
    scopes: new Set((row.scopes ?? []).filter(isPermission)),
    user: {
      id: row.created_by_id,
      email: row.user_email,
      name: row.user_name,
      status: row.user_status,
      platformRole: row.user_platform_role,
    },
  };
}

/**
 * Inside the request's tenant transaction: the key is still unrevoked and unexpired, and its creator still active
 * (the cached lookup may be up to API_KEY_CACHE_TTL_MS old). Records the last use at most once a minute; the write
 * is conditional, so several processes seeing the same key write it once between them.
 */
export async function assertApiKeyLive(
  tx: TenantDb,
  key: { id: string; organizationId: string },
  ip: string,
  now = new Date(),
): Promise<void> {
  const row = await tx.apiKey.findUnique({
    where: { organizationId_id: { organizationId: key.organizationId, id: key.id } },
    select: {
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      createdBy: { select: { status: true } },
    },
  });
  if (!row) throw invalidApiKey();
  if (
    row.revokedAt !== null ||
    (row.expiresAt !== null && row.expiresAt <= now) ||
    row.createdBy?.status !== "ACTIVE"
  ) {
    throw invalidApiKey();
  }
  const staleBefore = new Date(now.getTime() - API_KEY_LAST_USED_INTERVAL_MS);
  if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) {
    await tx.apiKey.updateMany({
      where: {
        organizationId: key.organizationId,
        id: key.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }],
      },
      data: { lastUsedAt: now, lastUsedIp: ip.slice(0, 64) || null },
    });
  }
}

/** What a key may do: its scopes, never more than its creator's current permissions. */
export function apiKeyPermissions(
  creator: ReadonlySet<Permission>,
  scopes: ReadonlySet<Permission>,
): ReadonlySet<Permission> {
  return new Set([...scopes].filter((permission) => creator.has(permission)));
}
