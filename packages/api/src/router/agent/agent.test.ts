// Agents through the real tRPC chain: who may configure them, what members see, isolation between organizations,
// and the audit trail of every change.
import { describe, expect, it } from "vitest";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";

async function setup() {
  const tenant = await createTenant();
  const owner = callerAs(tenant.user, tenant.org.id);
  const memberUser = await createUser();
  await addMembership(tenant.org.id, memberUser.id, "MEMBER");
  const adminUser = await createUser();
  await addMembership(tenant.org.id, adminUser.id, "ADMIN");
  return {
    ...tenant,
    owner,
    member: callerAs(memberUser, tenant.org.id),
    adminCaller: callerAs(adminUser, tenant.org.id),
  };
}

async function auditActions(organizationId: string, targetId: string): Promise<string[]> {
  const { rows } = await admin.query<{ action: string }>(
    `SELECT action FROM audit_logs WHERE organization_id = $1 AND target_id = $2 ORDER BY seq`,
    [organizationId, targetId],
  );
  return rows.map((r) => r.action);
}

describe("agents", () => {
  it("lets an admin create, edit, deactivate and reactivate an agent, each change audited", async () => {
    const { org, adminCaller } = await setup();
    const created = await adminCaller.agent.create({
      name: "RFP helper",
      type: "RFP",
      model: "gpt-test",
      temperature: 0.7,
      maxTokens: 2048,
      systemPrompt: "You answer requests for proposals.",
      enabledTools: ["knowledge.search", "task.create", "knowledge.search"],
    });
    expect(created).toMatchObject({
      name: "RFP helper",
      type: "rfp",
      model: "gpt-test",
      temperature: 0.7,
      maxTokens: 2048,
      enabledTools: ["knowledge.search", "task.create"],
      active: true,
      projectId: null,
      documents: [],
    });
    const updated = await adminCaller.agent.update({
      id: created.id,
      name: "RFP writer",
      temperature: 0,
    });
    expect(updated).toMatchObject({ name: "RFP writer", temperature: 0, model: "gpt-test" });
    expect((await adminCaller.agent.deactivate({ id: created.id })).active).toBe(false);
    expect((await adminCaller.agent.reactivate({ id: created.id })).active).toBe(true);
    expect(await auditActions(org.id, created.id)).toEqual([
      "agent.create",
      "agent.update",
      "agent.deactivate",
      "agent.reactivate",
    ]);
    const { rows } = await admin.query<{ changes: Record<string, unknown> }>(
      `SELECT changes FROM audit_logs WHERE target_id = $1 AND action = 'agent.update'`,
      [created.id],
    );
    expect(rows[0]?.changes).toEqual({
      name: { before: "RFP helper", after: "RFP writer" },
      temperature: { before: 0.7, after: 0 },
    });
  });

  it("shows members only active agents and refuses them configuration", async () => {
    const { owner, member } = await setup();
    const active = await owner.agent.create({ name: "HR", type: "hr" });
    const retired = await owner.agent.create({ name: "Old", type: "finance" });
    await owner.agent.deactivate({ id: retired.id });

    expect((await member.agent.list()).map((a) => a.id)).toEqual([active.id]);
    // includeInactive is a manager's view; a member asking for it still sees active agents only.
    expect((await member.agent.list({ includeInactive: true })).map((a) => a.id)).toEqual([
      active.id,
    ]);
    expect((await owner.agent.list({ includeInactive: true })).map((a) => a.id).sort()).toEqual(
      [active.id, retired.id].sort(),
    );
    expect((await member.agent.get({ id: active.id })).name).toBe("HR");
    await expectTRPCError(member.agent.get({ id: retired.id }), "NOT_FOUND");
    await expectTRPCError(member.agent.create({ name: "Mine", type: "hr" }), "FORBIDDEN");
    await expectTRPCError(member.agent.update({ id: active.id, name: "Taken" }), "FORBIDDEN");
    await expectTRPCError(member.agent.deactivate({ id: active.id }), "FORBIDDEN");
  });

  it("answers NOT_FOUND for another organization's agent and its projects, and refuses its documents", async () => {
    const a = await setup();
    const b = await setup();
    const foreign = await b.owner.agent.create({ name: "B agent", type: "jira" });
    const foreignProject = await b.owner.project.create({ name: "B project" });
    const foreignDoc = await b.owner.knowledge.upload(
      (() => {
        const form = new FormData();
        form.set("file", new File(["b secrets"], "b.txt", { type: "text/plain" }));
        return form;
      })(),
    );
    await expectTRPCError(a.owner.agent.get({ id: foreign.id }), "NOT_FOUND");
    await expectTRPCError(a.owner.agent.update({ id: foreign.id, name: "Mine" }), "NOT_FOUND");
    await expectTRPCError(a.owner.agent.deactivate({ id: foreign.id }), "NOT_FOUND");
    const withDoc = await expectTRPCError(
      a.owner.agent.create({ name: "Thief", type: "hr", documentIds: [foreignDoc.id] }),
      "BAD_REQUEST",
    );
    expect(withDoc.message).toMatch(/does not exist/);
    const withProject = await expectTRPCError(
      a.owner.agent.create({ name: "Thief", type: "hr", projectId: foreignProject.id }),
      "NOT_FOUND",
    );
    expect(withProject.message).toBe("Project not found");
    expect((await a.owner.agent.list({ includeInactive: true })).length).toBe(0);
    expect((await b.owner.agent.get({ id: foreign.id })).name).toBe("B agent");
  });

  it("attaches the organization's documents, replaces them on update, and scopes a project agent", async () => {
    const { owner } = await setup();
    const upload = async (name: string) => {
      const form = new FormData();
      form.set("file", new File([`contents of ${name}`], name, { type: "text/plain" }));
      return owner.knowledge.upload(form);
    };
    const [one, two] = [await upload("one.txt"), await upload("two.txt")];
    const project = await owner.project.create({ name: "Scoped" });
    const agent = await owner.agent.create({
      name: "Docs",
      type: "documentation",
      projectId: project.id,
      documentIds: [one.id],
    });
    expect(agent.projectId).toBe(project.id);
    expect(agent.documents.map((d) => d.id)).toEqual([one.id]);
    const replaced = await owner.agent.update({ id: agent.id, documentIds: [two.id] });
    expect(replaced.documents.map((d) => d.name)).toEqual(["two.txt"]);
    // Deleting a document detaches it.
    await owner.knowledge.delete({ id: two.id });
    expect((await owner.agent.get({ id: agent.id })).documents).toEqual([]);
  });

  it("scopes an agent only to a project its manager can see (NOT_FOUND otherwise), and back to the organization", async () => {
    const { org, owner } = await setup();
    // A custom role that manages agents but does not see every project (no project.manage_all).
    const role = await owner.role.create({
      name: "Agent keeper",
      permissions: ["organization.read", "project.read", "agent.manage"],
    });
    const keeperUser = await createUser();
    await addMembership(org.id, keeperUser.id, "MEMBER", { customRoleId: role.id });
    const keeper = callerAs(keeperUser, org.id);
    const open = await owner.project.create({ name: "Open handbook" });
    const secret = await owner.project.create({ name: "Secret deal", visibility: "MEMBERS" });
    const deleted = await owner.project.create({ name: "Gone soon" });
    await owner.project.delete({ id: deleted.id });

    // What the editor's picker offers is what project.list shows the keeper.
    const offered = await keeper.project.list({ search: "e", limit: 20 });
    expect(offered.items.map((p) => p.id)).toContain(open.id);
    expect(offered.items.map((p) => p.id)).not.toContain(secret.id);

    const agent = await keeper.agent.create({ name: "Scoped", type: "hr", projectId: open.id });
    expect(agent.projectId).toBe(open.id);
    for (const projectId of [secret.id, deleted.id]) {
      await expectTRPCError(
        keeper.agent.create({ name: `Nope ${projectId}`, type: "hr", projectId }),
        "NOT_FOUND",
      );
      await expectTRPCError(keeper.agent.update({ id: agent.id, projectId }), "NOT_FOUND");
    }
    expect((await keeper.agent.get({ id: agent.id })).projectId).toBe(open.id);
    // The owner sees the members-only project, so may scope an agent to it; null is the whole organization.
    expect((await owner.agent.update({ id: agent.id, projectId: secret.id })).projectId).toBe(
      secret.id,
    );
    expect((await keeper.agent.update({ id: agent.id, projectId: null })).projectId).toBeNull();
    const { rows } = await admin.query<{ changes: Record<string, unknown> }>(
      `SELECT changes FROM audit_logs WHERE target_id = $1 AND action = 'agent.update' ORDER BY seq`,
      [agent.id],
    );
    expect(rows.map((r) => r.changes.projectId)).toEqual([
      { before: open.id, after: secret.id },
      { before: secret.id, after: null },
    ]);
  });

  it("refuses a duplicate name, an unknown tool and out-of-range settings", async () => {
    const { owner } = await setup();
    await owner.agent.create({ name: "Same", type: "hr" });
    await expectTRPCError(owner.agent.create({ name: "Same", type: "hr" }), "CONFLICT");
    await expectTRPCError(
      owner.agent.create({ name: "Tools", type: "hr", enabledTools: ["shell.exec" as never] }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      owner.agent.create({ name: "Hot", type: "hr", temperature: 2.5 }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      owner.agent.create({ name: "Long", type: "hr", maxTokens: 1_000_000 }),
      "BAD_REQUEST",
    );
    await expectTRPCError(owner.agent.create({ name: "Type", type: "not a slug!" }), "BAD_REQUEST");
  });
});
