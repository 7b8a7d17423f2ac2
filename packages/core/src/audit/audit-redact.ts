// What an audit entry may keep of the values it describes: anything under a key that names a secret is replaced, at
// any depth, so a password, token, key hash or webhook secret never reaches the append-only (so unerasable) log.
import type { Prisma } from "@tenantry/db";

const SECRET_KEY =
  /(pass(word)?|secret|token|hash|api[_-]?key|private|credential|signature|cookie)/i;
export const REDACTED = "[redacted]";

export function redact(value: unknown): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (typeof value === "object") {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, v] of Object.entries(value))
      out[key] = SECRET_KEY.test(key) ? REDACTED : redact(v);
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  // Functions and symbols have no JSON form.
  return null;
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** The fields of `after` that differ from `before` (compared as JSON), as before/after pairs. */
export function diffFields<T extends object>(before: T, after: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [key, next] of Object.entries(after)) {
    if (next === undefined) continue;
    const prev: unknown = (before as Record<string, unknown>)[key];
    if (JSON.stringify(redact(prev)) !== JSON.stringify(redact(next))) {
      changes[key] = { before: prev, after: next };
    }
  }
  return changes;
}

/** Changes as stored: every value redacted, secret fields by name. */
export function redactChanges(changes: FieldChanges): Prisma.InputJsonObject {
  const out: Record<string, Prisma.InputJsonObject> = {};
  for (const [field, { before, after }] of Object.entries(changes)) {
    out[field] = SECRET_KEY.test(field)
      ? { before: REDACTED, after: REDACTED }
      : { before: redact(before), after: redact(after) };
  }
  return out;
}
