// API keys through the real middleware chain: format and checksum refused without a query, scopes, the creator's
// current permissions as a ceiling, expiry, revocation on the next call, IP allowlist, rotation grace, last-used
// debouncing, the organization binding and the plan limit.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";

import type { Db } from "@tenantry/db";
import type { TCreateApiKeyInput } from "@tenantry/validators";
import { generateApiKey } from "@tenantry/core/organization/api-key-secret";

import type { TestUser } from "../../../test/fixtures.ts";
import {
  addMember,
  admin,
  callerAs,
  createOrganization,
  createTenant,
  createUser,
  db,
  expectTRPCError,
} from "../../../test/fixtures.ts";
import { createCaller, createInnerTRPCContext } from "../../index.ts";

function keyCaller(
  secret: string,
  opts: { ip?: string; organization?: string | null; db?: Db } = {},
) {
  return createCaller(
    createInnerTRPCContext({
      db: opts.db ?? db,
      session: null,
      bearerToken: secret,
      client: { ip: opts.ip ?? "198.51.100.7", userAgent: "api-key-test" },
      organization: opts.organization ?? null,
    }),
  );
}

async function newKey(
  user: TestUser,
  orgId: string,
  input: Partial<TCreateApiKeyInput> = {},
): Promise<{ id: string; secret: string }> {
  const created = await callerAs(user, orgId).apiKey.create({
    name: "CI",
    scopes: ["project.read", "project.create"],
    ...input,
  });
  return { id: created.key.id, secret: created.secret };
}

/** A database that fails the test if anything touches it: proof that a refusal needed no query. */
const untouchableDb = new Proxy({} as Db, {
  get(_target, property) {
    throw new Error(`the database was used (${String(property)})`);
  },
});

const keyRow = async (id: string) =>
  (
    await admin.query<{
      last_used_at: Date | null;
      last_used_ip: string | null;
      expires_at: Date | null;
    }>(`SELECT last_used_at, last_used_ip, expires_at FROM api_keys WHERE id = $1`, [id])
  ).rows[0];

describe("API keys", () => {
  it("refuses malformed keys and bad checksums without touching the database, all with one answer", async () => {
    const { org, user } = await createTenant("Keys");
    const { secret } = await newKey(user, org.id);
    const lastChar = secret.at(-1) === "a" ? "b" : "a";
    const mistyped = `${secret.slice(0, 12)}${secret.at(12) === "x" ? "y" : "x"}${secret.slice(13)}`;
    const badChecksum = `${secret.slice(0, -1)}${lastChar}`;
    const messages = new Set<string>();
    for (const bad of [mistyped, badChecksum, "tnt_live_short", `${secret}0`]) {
      const error = await expectTRPCError(
        keyCaller(bad, { db: untouchableDb }).project.list({}),
        "UNAUTHORIZED",
      );
      messages.add(error.message);
    }
    // Well-formed with a valid checksum but never issued: needs the lookup, and answers the same.
    const unknown = await expectTRPCError(
      keyCaller(generateApiKey().secret).project.list({}),
      "UNAUTHORIZED",
    );
    messages.add(unknown.message);
    expect([...messages]).toEqual(["Invalid API key"]);
  });

  it("stores only the SHA-256 of the key and shows the secret once", async () => {
    const { org, user } = await createTenant("Keys");
    const { id, secret } = await newKey(user, org.id);
    expect(secret).toMatch(/^tnt_live_[0-9A-Za-z]{28}$/);
    const stored = await admin.query<{ secret_hash: Buffer; hint: string }>(
      `SELECT secret_hash, hint FROM api_keys WHERE id = $1`,
      [id],
    );
    expect(stored.rows[0]?.secret_hash.toString("hex")).toBe(
      createHash("sha256").update(secret).digest("hex"),
    );
    const listed = await callerAs(user, org.id).apiKey.list();
    expect(listed.map((k) => k.hint)).toEqual([`tnt_live_…${secret.slice(-4)}`]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(9, 30));
  });

  it("acts with its scopes only, as its creator, in its own organization only", async () => {
    const { org, user } = await createTenant("Keys");
    const { secret } = await newKey(user, org.id, { scopes: ["project.read"] });
    await callerAs(user, org.id).project.create({ name: "Visible" });
    const listed = await keyCaller(secret).project.list({});
    expect(listed.items.map((p) => p.name)).toEqual(["Visible"]);
    const refused = await expectTRPCError(
      keyCaller(secret).project.create({ name: "No" }),
      "FORBIDDEN",
    );
    expect(refused.message).toContain('"project.create"');
    // The creator is also a member of another organization: the header cannot move the key there.
    const other = await createOrganization("Other");
    await addMember(other.id, user.id, "OWNER");
    await expectTRPCError(
      keyCaller(secret, { organization: other.id }).project.list({}),
      "FORBIDDEN",
    );
    await expectTRPCError(
      keyCaller(secret, { organization: other.slug }).project.list({}),
      "FORBIDDEN",
    );
    expect(
      (await keyCaller(secret, { organization: org.slug }).project.list({})).items,
    ).toHaveLength(1);
    // Nor act on its creator's account.
    await expectTRPCError(keyCaller(secret).account.me(), "FORBIDDEN");
  });

  it("writes with its creator as the author and the key on the actor", async () => {
    const { org, user } = await createTenant("Keys");
    const { secret } = await newKey(user, org.id);
    const project = await keyCaller(secret).project.create({ name: "From CI" });
    const row = await admin.query<{ created_by_id: string }>(
      `SELECT created_by_id FROM projects WHERE id = $1`,
      [project.id],
    );
    expect(row.rows[0]?.created_by_id).toBe(user.id);
  });

  it("never exceeds its creator: not at creation, and not after the creator's role shrinks", async () => {
    const { org, user } = await createTenant("Keys", "ADMIN");
    await expectTRPCError(
      callerAs(user, org.id).apiKey.create({ name: "Too much", scopes: ["billing.manage"] }),
      "FORBIDDEN",
    );
    const { secret } = await newKey(user, org.id, { scopes: ["project.read", "member.invite"] });
    expect(await keyCaller(secret).invitation.list()).toEqual([]);
    await admin.query(
      `UPDATE memberships SET role = 'MEMBER' WHERE organization_id = $1 AND user_id = $2`,
      [org.id, user.id],
    );
    await expectTRPCError(keyCaller(secret).invitation.list(), "FORBIDDEN");
    expect((await keyCaller(secret).project.list({})).items).toEqual([]);
    // The creator leaves: the key stops, with the same answer as any invalid key.
    await admin.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2`, [
      org.id,
      user.id,
    ]);
    const gone = await expectTRPCError(keyCaller(secret).project.list({}), "UNAUTHORIZED");
    expect(gone.message).toBe("Invalid API key");
  });

  it("stops at its expiry and on revocation, on the very next call despite the lookup cache", async () => {
    const { org, user } = await createTenant("Keys");
    await expectTRPCError(
      callerAs(user, org.id).apiKey.create({
        name: "Past",
        scopes: ["project.read"],
        expiresAt: new Date(Date.now() - 1000),
      }),
      "BAD_REQUEST",
    );
    const expiring = await newKey(user, org.id, { expiresAt: new Date(Date.now() + 3_600_000) });
    const revoked = await newKey(user, org.id);
    await keyCaller(expiring.secret).project.list({});
    await keyCaller(revoked.secret).project.list({});
    await admin.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.id],
    );
    await expectTRPCError(keyCaller(expiring.secret).project.list({}), "UNAUTHORIZED");
    const after = await callerAs(user, org.id).apiKey.revoke({ id: revoked.id });
    expect(after.revokedAt).toBeInstanceOf(Date);
    await expectTRPCError(keyCaller(revoked.secret).project.list({}), "UNAUTHORIZED");
  });

  it("is refused from addresses outside its allowlist", async () => {
    const { org, user } = await createTenant("Keys");
    const { secret } = await newKey(user, org.id, {
      ipAllowlist: ["203.0.113.0/24", "2001:db8::1"],
    });
    expect((await keyCaller(secret, { ip: "203.0.113.9" }).project.list({})).items).toEqual([]);
    expect((await keyCaller(secret, { ip: "::ffff:203.0.113.10" }).project.list({})).items).toEqual(
      [],
    );
    expect((await keyCaller(secret, { ip: "2001:db8::1" }).project.list({})).items).toEqual([]);
    for (const ip of ["198.51.100.1", "2001:db8::2", ""]) {
      const error = await expectTRPCError(
        keyCaller(secret, { ip }).project.list({}),
        "UNAUTHORIZED",
      );
      expect(error.message).toBe("Invalid API key");
    }
    await expectTRPCError(
      callerAs(user, org.id).apiKey.create({
        name: "Bad",
        scopes: ["project.read"],
        ipAllowlist: ["nope"],
      }),
      "BAD_REQUEST",
    );
  });

  it("rotates with a grace period: both keys work, then only the new one", async () => {
    const { org, user } = await createTenant("Keys");
    const old = await newKey(user, org.id);
    const rotated = await callerAs(user, org.id).apiKey.rotate({ id: old.id });
    expect(rotated.secret).not.toBe(old.secret);
    expect(rotated.key.scopes).toEqual(["project.read", "project.create"]);
    const oldRow = await keyRow(old.id);
    const graceMs = (oldRow?.expires_at?.getTime() ?? 0) - Date.now();
    expect(graceMs).toBeGreaterThan(23.9 * 3_600_000);
    expect(graceMs).toBeLessThanOrEqual(24 * 3_600_000);
    await keyCaller(old.secret).project.list({});
    await keyCaller(rotated.secret).project.list({});
    await expectTRPCError(callerAs(user, org.id).apiKey.rotate({ id: old.id }), "NOT_FOUND");
    await admin.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [old.id],
    );
    await expectTRPCError(keyCaller(old.secret).project.list({}), "UNAUTHORIZED");
    expect((await keyCaller(rotated.secret).project.list({})).items).toEqual([]);
  });

  it("records its last use at most once a minute", async () => {
    const { org, user } = await createTenant("Keys");
    const { id, secret } = await newKey(user, org.id);
    expect((await keyRow(id))?.last_used_at).toBeNull();
    await keyCaller(secret, { ip: "203.0.113.1" }).project.list({});
    const first = await keyRow(id);
    expect(first?.last_used_ip).toBe("203.0.113.1");
    await keyCaller(secret, { ip: "203.0.113.2" }).project.list({});
    expect(await keyRow(id)).toEqual(first);
    await admin.query(
      `UPDATE api_keys SET last_used_at = now() - interval '61 seconds' WHERE id = $1`,
      [id],
    );
    await keyCaller(secret, { ip: "203.0.113.3" }).project.list({});
    const later = await keyRow(id);
    expect(later?.last_used_ip).toBe("203.0.113.3");
    expect(later?.last_used_at?.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("counts active keys against the plan and needs apikey.manage", async () => {
    const { org, user } = await createTenant("Keys");
    const keys = [
      await newKey(user, org.id),
      await newKey(user, org.id),
      await newKey(user, org.id),
    ];
    await expectTRPCError(newKey(user, org.id), "PRECONDITION_FAILED");
    await callerAs(user, org.id).apiKey.revoke({ id: keys[0]?.id ?? "" });
    expect((await newKey(user, org.id)).secret).toMatch(/^tnt_live_/);
    const member = await createUser();
    await addMember(org.id, member.id, "MEMBER");
    await expectTRPCError(callerAs(member, org.id).apiKey.list(), "FORBIDDEN");
  });
});
