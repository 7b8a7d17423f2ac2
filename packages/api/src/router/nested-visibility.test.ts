// Nested relations apply the same visibility as top-level reads: wherever a response embeds projects or the work
// inside them (teams, the trash, task parents and subtasks, analytics, search, the audit log), a members-only
// project the caller is not in never shows, exactly as project.get on it is NOT_FOUND.
import { describe, expect, it } from "vitest";

import type { MemberActor } from "@tenantry/core/actor";
import { visibleProjectSql, visibleProjectsWhere } from "@tenantry/core/work/project";
import { newId, withTenantTransaction } from "@tenantry/db";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
  expectTRPCError,
} from "../../test/fixtures.ts";

/**
 * An organization with an organization-wide project "Open" and a members-only project "Secret" (the owner and
 * `insider` are its members), and a VIEWER, a MEMBER and custom roles who are not.
 */
async function world() {
  const { org, user: owner } = await createTenant();
  const ownerApi = callerAs(owner, org.id);
  const person = async (role: "ADMIN" | "MEMBER" | "VIEWER", customRoleId?: string) => {
    const user = await createUser();
    const membershipId = await addMembership(org.id, user.id, role, { customRoleId });
    return { user, membershipId, api: callerAs(user, org.id) };
  };
  const open = await ownerApi.project.create({ name: "Open" });
  const secret = await ownerApi.project.create({ name: "Secret", visibility: "MEMBERS" });
  const insider = await person("MEMBER");
  await ownerApi.project.member.add({ id: secret.id, membershipIds: [insider.membershipId] });
  const viewer = await person("VIEWER");
  const member = await person("MEMBER");
  // Custom roles without project.manage_all: one manages teams, one reads the audit log.
  const teamLead = await ownerApi.role.create({
    name: "Team lead",
    permissions: ["organization.read", "team.read", "team.manage", "project.read"],
  });
  const auditor = await ownerApi.role.create({
    name: "Auditor",
    permissions: ["organization.read", "audit.read", "project.read", "task.read"],
  });
  return {
    org,
    owner: { user: owner, api: ownerApi },
    open,
    secret,
    insider,
    viewer,
    member,
    teamLead: await person("MEMBER", teamLead.id),
    auditor: await person("MEMBER", auditor.id),
  };
}

describe("teams show only the projects their reader can see", () => {
  it("team.list hides a members-only project from a VIEWER who cannot open it", async () => {
    const w = await world();
    const team = await w.owner.api.team.create({ name: "Platform" });
    await w.owner.api.team.assignProject({ projectId: w.open.id, teamId: team.id });
    await w.owner.api.team.assignProject({ projectId: w.secret.id, teamId: team.id });

    await expectTRPCError(w.viewer.api.project.get({ id: w.secret.id }), "NOT_FOUND");
    const projectsOf = async (api: typeof w.viewer.api) =>
      (await api.team.list()).flatMap((t) => t.projects.map((p) => p.name));
    expect(await projectsOf(w.viewer.api)).toEqual(["Open"]);
    expect(await projectsOf(w.member.api)).toEqual(["Open"]);
    // Project members and holders of project.manage_all (the owner) see both.
    expect(await projectsOf(w.insider.api)).toEqual(["Open", "Secret"]);
    expect(await projectsOf(w.owner.api)).toEqual(["Open", "Secret"]);
  });

  it("every team mutation answers with the same filtered projects", async () => {
    const w = await world();
    const team = await w.owner.api.team.create({ name: "Core" });
    await w.owner.api.team.assignProject({ projectId: w.secret.id, teamId: team.id });
    await w.owner.api.team.assignProject({ projectId: w.open.id, teamId: team.id });
    const lead = w.teamLead.api;
    expect((await lead.team.rename({ id: team.id, name: "Core 2" })).projects).toEqual([
      { id: w.open.id, name: "Open" },
    ]);
    const added = await lead.team.members.add({
      teamId: team.id,
      membershipId: w.viewer.membershipId,
    });
    expect(added.projects.map((p) => p.name)).toEqual(["Open"]);
    const removed = await lead.team.members.remove({
      teamId: team.id,
      membershipId: w.viewer.membershipId,
    });
    expect(removed.projects.map((p) => p.name)).toEqual(["Open"]);
    expect((await lead.team.create({ name: "Empty" })).projects).toEqual([]);
  });

  it("team.assignProject cannot reach a members-only project its caller cannot see", async () => {
    const w = await world();
    const team = await w.teamLead.api.team.create({ name: "Ops" });
    await expectTRPCError(
      w.teamLead.api.team.assignProject({ projectId: w.secret.id, teamId: team.id }),
      "NOT_FOUND",
    );
    const { rows } = await admin.query("SELECT team_id FROM projects WHERE id = $1", [w.secret.id]);
    expect(rows).toEqual([{ team_id: null }]);
    expect(
      await w.teamLead.api.team.assignProject({ projectId: w.open.id, teamId: team.id }),
    ).toEqual({ projectId: w.open.id, teamId: team.id });
  });
});

describe("the trash shows only projects their reader could see", () => {
  it("project.deleted and project.restore treat a deleted members-only project like a live one", async () => {
    const w = await world();
    await w.owner.api.project.delete({ id: w.secret.id });
    await w.owner.api.project.delete({ id: w.open.id });

    // A MEMBER holds project.delete but is not in Secret.
    expect((await w.member.api.project.deleted()).map((p) => p.name)).toEqual(["Open"]);
    await expectTRPCError(w.member.api.project.restore({ id: w.secret.id }), "NOT_FOUND");
    const { rows } = await admin.query<{ deleted_at: Date | null }>(
      "SELECT deleted_at FROM projects WHERE id = $1",
      [w.secret.id],
    );
    expect(rows[0]?.deleted_at).toBeInstanceOf(Date);

    expect((await w.insider.api.project.deleted()).map((p) => p.name).sort()).toEqual([
      "Open",
      "Secret",
    ]);
    expect((await w.insider.api.project.restore({ id: w.secret.id })).name).toBe("Secret");
  });
});

describe("tasks and what hangs off them", () => {
  it("parent, subtasks, comments and attachments are only reachable through a visible project", async () => {
    const w = await world();
    const parent = await w.owner.api.task.create({
      projectId: w.secret.id,
      title: "Hidden parent",
    });
    const child = await w.owner.api.task.create({
      projectId: w.secret.id,
      title: "Hidden child",
      parentId: parent.id,
    });
    const comment = await w.insider.api.task.comment.create({ taskId: parent.id, body: "psst" });
    const form = new FormData();
    form.set("taskId", parent.id);
    form.set("file", new File(["x"], "plan.txt", { type: "text/plain" }));
    const file = await w.insider.api.task.attachment.upload(form);

    const insiderView = await w.insider.api.task.get({ id: parent.id });
    expect(insiderView.subtasks.map((s) => s.id)).toEqual([child.id]);
    expect((await w.insider.api.task.get({ id: child.id })).parent?.id).toBe(parent.id);

    for (const outsider of [w.viewer.api, w.member.api]) {
      await expectTRPCError(outsider.task.get({ id: parent.id }), "NOT_FOUND");
      await expectTRPCError(outsider.task.get({ id: child.id }), "NOT_FOUND");
      await expectTRPCError(outsider.task.comment.list({ taskId: parent.id }), "NOT_FOUND");
      await expectTRPCError(outsider.task.activity({ taskId: parent.id }), "NOT_FOUND");
      await expectTRPCError(outsider.task.attachment.list({ id: parent.id }), "NOT_FOUND");
      await expectTRPCError(outsider.task.attachment.get({ id: file.id }), "NOT_FOUND");
    }
    await expectTRPCError(
      w.member.api.task.comment.update({ id: comment.id, body: "edited" }),
      "NOT_FOUND",
    );
  });

  it("search, filters and analytics count only visible projects' tasks", async () => {
    const w = await world();
    await w.owner.api.task.create({ projectId: w.open.id, title: "Quarterly zebra report" });
    await w.owner.api.task.create({ projectId: w.secret.id, title: "Secret zebra merger" });
    const titles = async (api: typeof w.viewer.api, input: Parameters<typeof api.task.list>[0]) =>
      (await api.task.list(input)).items.map((t) => t.title);

    expect(await titles(w.viewer.api, { search: "zebra" })).toEqual(["Quarterly zebra report"]);
    expect(await titles(w.viewer.api, { projectId: w.secret.id })).toEqual([]);
    expect((await titles(w.insider.api, { search: "zebra" })).sort()).toEqual([
      "Quarterly zebra report",
      "Secret zebra merger",
    ]);
    expect((await w.viewer.api.task.analytics({})).total).toBe(1);
    expect((await w.insider.api.task.analytics({})).total).toBe(2);
    await expectTRPCError(w.viewer.api.task.analytics({ projectId: w.secret.id }), "NOT_FOUND");
    expect((await w.viewer.api.project.list({ search: "Secret" })).items).toEqual([]);
  });
});

describe("the audit log follows project visibility", () => {
  it("hides entries about a members-only project from an auditor outside it, and pages correctly", async () => {
    const w = await world();
    const api = w.owner.api;
    const openTask = await api.task.create({ projectId: w.open.id, title: "Open task" });
    const secretTask = await api.task.create({ projectId: w.secret.id, title: "Secret task" });
    await api.task.bulk({ ids: [openTask.id], action: { type: "setPriority", priority: "HIGH" } });
    await api.task.bulk({
      ids: [secretTask.id],
      action: { type: "setPriority", priority: "HIGH" },
    });
    // Moderated deletions of the insider's comment and attachment on the secret task.
    const comment = await w.insider.api.task.comment.create({ taskId: secretTask.id, body: "x" });
    await api.task.comment.delete({ id: comment.id });
    const form = new FormData();
    form.set("taskId", secretTask.id);
    form.set("file", new File(["x"], "memo.txt", { type: "text/plain" }));
    const file = await w.insider.api.task.attachment.upload(form);
    await api.task.attachment.delete({ id: file.id });
    await api.task.delete({ id: secretTask.id });
    await api.tag.create({ name: "urgent", color: "#dc2626" });
    // An entry from before projectIds were recorded, about a task that no longer exists: its project is unknown.
    const legacyTask = newId();
    await admin.query(
      `INSERT INTO audit_logs (id, organization_id, action, target_type, target_id, metadata)
       VALUES ($1, $2, 'task.delete', 'task', $3, '{"title": "Old secret"}')`,
      [newId(), w.org.id, legacyTask],
    );

    // Bulk entries have no target: their task ids tell them apart.
    const label = (e: {
      action: string;
      targetId: string | null;
      metadata: Record<string, unknown>;
    }) => `${e.action}:${e.targetId ?? JSON.stringify(e.metadata.ids)}`;
    const all = (await api.audit.list({ limit: 100 })).items.map(label);
    const seen = (await w.auditor.api.audit.list({ limit: 100 })).items.map(label);
    const hidden = all.filter((entry) => !seen.includes(entry));
    expect(hidden.sort()).toEqual(
      [
        `project.create:${w.secret.id}`,
        `project.members.add:${w.secret.id}`,
        `task.create:${secretTask.id}`,
        `task.bulk:${JSON.stringify([secretTask.id])}`,
        `comment.create:${comment.id}`,
        `comment.moderate.delete:${comment.id}`,
        `attachment.upload:${file.id}`,
        `attachment.moderate.delete:${file.id}`,
        `task.delete:${secretTask.id}`,
        `task.delete:${legacyTask}`,
      ].sort(),
    );
    // What the auditor does see is a subset in the same order, with the open project's work and the rest.
    expect(seen).toEqual(all.filter((entry) => seen.includes(entry)));
    expect(seen).toEqual(
      expect.arrayContaining([
        `project.create:${w.open.id}`,
        `task.create:${openTask.id}`,
        `task.bulk:${JSON.stringify([openTask.id])}`,
        expect.stringMatching(/^tag\.create:/) as string,
        expect.stringMatching(/^role\.create:/) as string,
      ]),
    );
    // Filtering by target does not get around it.
    expect(
      (await w.auditor.api.audit.list({ targetType: "project", targetId: w.secret.id })).items,
    ).toEqual([]);
    // Keyset pages of 2 walk the same filtered sequence.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof w.auditor.api.audit.list>> =
        await w.auditor.api.audit.list({ limit: 2, cursor });
      paged.push(...page.items.map(label));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(seen);
    // A project member sees the entries about it (the legacy one stays hidden: its project is unknown).
    const insiderAuditor = await w.owner.api.role.create({
      name: "Insider auditor",
      permissions: ["organization.read", "audit.read"],
    });
    await admin.query("UPDATE memberships SET custom_role_id = $1 WHERE id = $2", [
      insiderAuditor.id,
      w.insider.membershipId,
    ]);
    const insiderSeen = (await w.insider.api.audit.list({ limit: 100 })).items.map(label);
    expect(all.filter((e) => !insiderSeen.includes(e))).toEqual([`task.delete:${legacyTask}`]);
  });
});

describe("visibleProjectsWhere and visibleProjectSql", () => {
  it("admit the same projects for every kind of actor and scope", async () => {
    const w = await world();
    await w.owner.api.project
      .create({ name: "Trashed secret", visibility: "MEMBERS" })
      .then((p) => w.owner.api.project.delete({ id: p.id }));
    await w.owner.api.project
      .create({ name: "Trashed open" })
      .then((p) => w.owner.api.project.delete({ id: p.id }));
    const actors = await Promise.all(
      [w.owner.user, w.insider.user, w.viewer.user].map(async (user): Promise<MemberActor> => {
        const current = await callerAs(user, w.org.id).organization.current();
        return {
          userId: user.id,
          organizationId: w.org.id,
          membership: {
            id: current.membershipId,
            role: current.role,
            customRole: current.customRole,
            permissions: new Set(current.permissions),
          },
        };
      }),
    );
    const names: Record<string, string[]> = {};
    for (const [i, actor] of actors.entries()) {
      for (const deleted of [false, true, "any"] as const) {
        const { viaPrisma, viaSql } = await withTenantTransaction(
          db,
          { userId: actor.userId, organizationId: w.org.id, role: "MEMBER" },
          async (tx) => ({
            viaPrisma: (
              await tx.project.findMany({
                where: visibleProjectsWhere(actor, { deleted }),
                select: { name: true },
              })
            ).map((p) => p.name),
            viaSql: (
              await tx.$queryRaw<{ name: string }[]>`
                SELECT p.name FROM projects p
                WHERE p.organization_id = ${w.org.id}::uuid
                  AND ${visibleProjectSql(actor, { deleted })}`
            ).map((p) => p.name),
          }),
        );
        expect(viaSql.sort(), `actor ${i}, deleted ${String(deleted)}`).toEqual(viaPrisma.sort());
        names[`${i}:${String(deleted)}`] = viaPrisma;
      }
    }
    // And the rule itself: the viewer never sees either members-only project, live or trashed.
    expect(names["2:any"]).toEqual(["Open", "Trashed open"]);
    expect(names["1:true"]).toEqual(["Trashed open"]);
    expect(names["0:any"]).toEqual(["Open", "Secret", "Trashed open", "Trashed secret"]);
  });
});
