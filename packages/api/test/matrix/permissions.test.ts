// The permission matrix: every organization procedure x every built-in role and a custom role with no permission.
// The outcome must match the permission the procedure declares (permissionProcedure meta): a role without it is
// refused with FORBIDDEN naming that permission and changes nothing; a role with it is never refused for it.
import { describe, expect, it } from "vitest";

import type { Permission } from "@tenantry/validators";
import { effectivePermissions, PERMISSIONS } from "@tenantry/validators";

import type { RoleKey } from "./factory.ts";
import { appRouter } from "../../src/index.ts";
import { apiKeyCaller, apiKeyOf, CALLER_KINDS, callPath, procedureEntries } from "./callers.ts";
import { createWorld } from "./factory.ts";
import { inputCases } from "./inputs.ts";
import { tenantDigest } from "./tenant-state.ts";

const orgProcedures = procedureEntries(appRouter).flatMap((p) =>
  p.permission ? [{ ...p, permission: p.permission as Permission }] : [],
);
/** Weakest first, so the refused calls all see the world before any allowed call changed it. */
const ROLE_ORDER: RoleKey[] = ["CUSTOM_NONE", "VIEWER", "MEMBER", "ADMIN", "OWNER"];
const [session] = CALLER_KINDS;

function permissionsOf(role: RoleKey): ReadonlySet<Permission> {
  return role === "CUSTOM_NONE"
    ? effectivePermissions("MEMBER", [])
    : effectivePermissions(role, null);
}

/**
 * Procedures whose factory-world call is refused by the state of the world, not by permission (so no allowed role can
 * succeed there); for them the matrix proves only the refusal side and that holders are not refused for permission.
 */
const NEEDS_OTHER_STATE: Record<string, string> = {
  "organization.restore": "needs a deleted organization",
  "organization.unarchive": "needs an archived organization",
  "organization.transfer.propose": "the factory's transfer is already pending",
  "plan.change": "the factory's organization does not fit FREE, and upgrades are requests",
  "plan.request.create": "the factory's plan request is already pending",
  "project.restore": "needs a deleted project",
  "task.restore": "needs a deleted task",
  "chat.resume": "needs a tool result to continue from",
  "chat.decide": "needs a pending tool call",
};

const lacks = (permission: Permission) => `lacks the "${permission}" permission`;

describe("permission matrix", () => {
  it("covers the organization procedures", () => {
    expect(orgProcedures.length).toBeGreaterThan(50);
    expect(session).toBeDefined();
  });

  // Each test owns its world, so they run concurrently (the time is spent waiting on the database).
  it.concurrent.each(orgProcedures)("$path needs $permission", async ({ path, permission }) => {
    if (!session) return;
    const w = await createWorld("Roles");
    const problems: string[] = [];
    const refused = ROLE_ORDER.filter((role) => !permissionsOf(role).has(permission));
    const before = await tenantDigest(w);
    let succeeded = 0;
    for (const role of ROLE_ORDER) {
      const caller = (await session.signIn(w.members[role].user))(w.org.id);
      const allowed = permissionsOf(role).has(permission);
      for (const { input } of inputCases(path, w, w) ?? []) {
        const outcome = await callPath(caller, path, input);
        if (outcome.ok) succeeded++;
        const deniedForIt =
          !outcome.ok &&
          outcome.code === "FORBIDDEN" &&
          outcome.message.includes(lacks(permission));
        if (!outcome.ok && outcome.code === "INTERNAL_SERVER_ERROR") {
          problems.push(`${role}: INTERNAL_SERVER_ERROR`);
        } else if (allowed && deniedForIt) {
          problems.push(`${role} holds ${permission} but was refused: ${outcome.message}`);
        } else if (!allowed && !deniedForIt) {
          problems.push(
            `${role} lacks ${permission} but got ${outcome.ok ? "an answer" : `${outcome.code} ${outcome.message}`}`,
          );
        }
      }
      // Everything up to the first allowed role was refused, so nothing may have changed yet.
      if (role === refused.at(-1)) {
        expect(await tenantDigest(w), `refused calls changed rows`).toEqual(before);
      }
    }
    expect(problems).toEqual([]);
    // A role holding the permission is not just "not refused": the call does what it is for.
    if (refused.length < ROLE_ORDER.length && !(path in NEEDS_OTHER_STATE)) {
      expect(succeeded, "no allowed role's call succeeded").toBeGreaterThan(0);
    }
  });
});

// API-key scopes are a second ceiling on top of the creator's role: an OWNER's key lacking a procedure's permission
// is refused exactly like a role lacking it, and a key holding only that permission is not refused for it. One at a
// time: the role matrix above already fills the database with concurrent worlds.
describe("permission matrix of API-key scopes", () => {
  it.each(orgProcedures)(
    "$path needs the $permission scope",
    async ({ path, permission }) => {
      const w = await createWorld("Scopes");
      const owner = w.members.OWNER.user;
      const allButIt = PERMISSIONS.filter((p) => p !== permission);
      const without = await apiKeyOf(owner, allButIt);
      const only = await apiKeyOf(owner, [permission]);
      const before = await tenantDigest(w);
      const problems: string[] = [];
      const cases = inputCases(path, w, w) ?? [];
      for (const { input } of cases) {
        const outcome = await callPath(apiKeyCaller(without, w.org.id), path, input);
        if (
          outcome.ok ||
          outcome.code !== "FORBIDDEN" ||
          !outcome.message.includes(lacks(permission))
        ) {
          problems.push(`key without ${permission}: ${outcome.ok ? "an answer" : outcome.code}`);
        }
      }
      expect(await tenantDigest(w), "refused key calls changed rows").toEqual(before);
      for (const { input } of cases) {
        const outcome = await callPath(apiKeyCaller(only, w.org.id), path, input);
        if (!outcome.ok && outcome.code === "INTERNAL_SERVER_ERROR")
          problems.push("INTERNAL_SERVER_ERROR");
        if (
          !outcome.ok &&
          outcome.code === "FORBIDDEN" &&
          outcome.message.includes(lacks(permission))
        ) {
          problems.push(`key with ${permission} refused: ${outcome.message}`);
        }
      }
      expect(problems).toEqual([]);
    },
    60_000,
  );
});
