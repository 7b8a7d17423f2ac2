import { describe, expect, it } from "vitest";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";

describe("custom roles", () => {
  it("restricts a member to exactly the custom role's permissions", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const role = await api.role.create({
      name: "Auditor",
      permissions: ["organization.read", "project.read", "audit.read", "project.read"],
    });
    expect(role.permissions).toEqual(["organization.read", "project.read", "audit.read"]);

    const auditor = await createUser();
    await addMembership(org.id, auditor.id, "MEMBER", { customRoleId: role.id });
    const asAuditor = callerAs(auditor, org.id);
    expect((await asAuditor.project.list({})).items).toEqual([]);
    expect((await asAuditor.audit.list({})).items.length).toBeGreaterThan(0);
    // MEMBER would allow this; the custom role replaces the built-in role's permissions.
    const denied = await expectTRPCError(asAuditor.project.create({ name: "No" }), "FORBIDDEN");
    expect(denied.message).toBe('Your role (Auditor) lacks the "project.create" permission');
    await expectTRPCError(asAuditor.member.list({}), "FORBIDDEN");

    const current = await asAuditor.organization.current();
    expect(current.customRole).toEqual({ id: role.id, name: "Auditor" });
    expect(current.permissions.sort()).toEqual(["audit.read", "organization.read", "project.read"]);
  });

  it("applies an edited role on the holder's next request", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const role = await api.role.create({ name: "Reader", permissions: ["project.read"] });
    const reader = await createUser();
    await addMembership(org.id, reader.id, "MEMBER", { customRoleId: role.id });
    await expectTRPCError(callerAs(reader, org.id).member.list({}), "FORBIDDEN");
    await api.role.update({ id: role.id, permissions: ["project.read", "member.read"] });
    const members = await callerAs(reader, org.id).member.list({});
    expect(members.items.map((m) => m.userId).sort()).toEqual([owner.id, reader.id].sort());
    await api.role.update({ id: role.id, permissions: [] });
    await expectTRPCError(callerAs(reader, org.id).project.list({}), "FORBIDDEN");
  });

  it("refuses to create or edit a role with permissions the editor does not hold", async () => {
    const { org } = await createTenant();
    const adminUser = await createUser();
    await addMembership(org.id, adminUser.id, "ADMIN");
    const api = callerAs(adminUser, org.id);
    const error = await expectTRPCError(
      api.role.create({ name: "Biller", permissions: ["project.read", "billing.manage"] }),
      "FORBIDDEN",
    );
    expect(error.message).toContain("billing.manage");
    const ok = await api.role.create({ name: "Helper", permissions: ["project.read"] });
    await expectTRPCError(
      api.role.update({ id: ok.id, permissions: ["license.manage"] }),
      "FORBIDDEN",
    );
    const bogus = await expectTRPCError(
      // @ts-expect-error the registry types the keys; an unknown one is refused at run time too
      api.role.create({ name: "Bogus", permissions: ["project.fly"] }),
      "BAD_REQUEST",
    );
    expect(JSON.parse(bogus.message)).toMatchObject([
      { path: ["permissions", 0], message: 'Unknown permission "project.fly"' },
    ]);
    const { rows } = await admin.query(
      "SELECT name, permissions FROM roles WHERE organization_id = $1",
      [org.id],
    );
    expect(rows).toEqual([{ name: "Helper", permissions: ["project.read"] }]);
  });

  it("lets a custom-role manager grant only what they hold", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const viewer = (await api.role.catalog()).builtIn.find((r) => r.role === "VIEWER");
    const manager = await api.role.create({
      name: "People manager",
      permissions: [...(viewer?.permissions ?? []), "member.update"],
    });
    const limited = await api.role.create({ name: "Limited", permissions: ["project.read"] });
    const m = await createUser();
    await addMembership(org.id, m.id, "MEMBER", { customRoleId: manager.id });
    const target = await createUser();
    const targetId = await addMembership(org.id, target.id, "VIEWER");
    const asManager = callerAs(m, org.id);

    // MEMBER includes project.create, which the manager lacks.
    await expectTRPCError(
      asManager.member.updateRole({ membershipId: targetId, role: "MEMBER" }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      asManager.member.updateRole({ membershipId: targetId, role: "ADMIN" }),
      "FORBIDDEN",
    );
    const updated = await asManager.member.updateRole({
      membershipId: targetId,
      customRoleId: limited.id,
    });
    expect(updated).toMatchObject({
      role: "MEMBER",
      customRole: { id: limited.id, name: "Limited" },
    });
    // Nor can they create a role: role.manage is not theirs.
    await expectTRPCError(asManager.role.create({ name: "X", permissions: [] }), "FORBIDDEN");
  });

  it("does not assign another organization's custom role", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const foreign = await callerAs(b.user, b.org.id).role.create({
      name: "Theirs",
      permissions: [],
    });
    const member = await createUser();
    const membershipId = await addMembership(a.org.id, member.id, "VIEWER");
    await expectTRPCError(
      callerAs(a.user, a.org.id).member.updateRole({ membershipId, customRoleId: foreign.id }),
      "NOT_FOUND",
    );
    await expectTRPCError(callerAs(a.user, a.org.id).role.delete({ id: foreign.id }), "NOT_FOUND");
  });

  it("refuses to delete a role that members hold, and deletes it once they do not", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const role = await api.role.create({ name: "Temp", permissions: ["project.read"] });
    const member = await createUser();
    const membershipId = await addMembership(org.id, member.id, "MEMBER", {
      customRoleId: role.id,
    });
    const error = await expectTRPCError(api.role.delete({ id: role.id }), "PRECONDITION_FAILED");
    expect(error.message).toContain("held by 1 member(s)");
    await api.member.updateRole({ membershipId, role: "VIEWER" });
    await api.role.delete({ id: role.id });
    expect((await api.role.catalog()).custom).toEqual([]);
    const audit = await api.audit.list({ targetType: "role" });
    expect(audit.items.map((e) => e.action)).toEqual(["role.delete", "role.create"]);
  });

  it("lists the permission registry and the built-in roles' grants", async () => {
    const { org, user } = await createTenant();
    const catalog = await callerAs(user, org.id).role.catalog();
    expect(catalog.permissions.map((p) => p.key)).toContain("billing.manage");
    const viewer = catalog.builtIn.find((r) => r.role === "VIEWER");
    expect(viewer?.permissions).toEqual(
      expect.arrayContaining(["organization.read", "member.read", "team.read", "project.read"]),
    );
    expect(viewer?.permissions).not.toContain("project.create");
    const owner = catalog.builtIn.find((r) => r.role === "OWNER");
    expect(owner?.permissions).toEqual(catalog.permissions.map((p) => p.key));
    expect(catalog.builtIn.map((r) => r.role)).toEqual(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
  });
});
