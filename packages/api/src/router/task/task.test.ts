import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
  setOrganizationState,
} from "../../../test/fixtures.ts";

async function tenantWithProject(opts: { visibility?: "ORGANIZATION" | "MEMBERS" } = {}) {
  const tenant = await createTenant();
  await setOrganizationState(tenant.org.id, { plan: "PRO" });
  const api = callerAs(tenant.user, tenant.org.id);
  const project = await api.project.create({
    name: "Web",
    key: "WEB",
    visibility: opts.visibility,
  });
  const { rows } = await admin.query<{ id: string }>(
    "SELECT id FROM memberships WHERE organization_id = $1 AND user_id = $2",
    [tenant.org.id, tenant.user.id],
  );
  return { ...tenant, api, project, ownerMembershipId: rows[0]?.id ?? "" };
}

describe("tasks", () => {
  it("numbers tasks per project and renders references like WEB-1", async () => {
    const { api, project } = await tenantWithProject();
    const first = await api.task.create({ projectId: project.id, title: "First" });
    const second = await api.task.create({ projectId: project.id, title: "Second" });
    expect([first.reference, second.reference]).toEqual(["WEB-1", "WEB-2"]);
    const other = await api.project.create({ name: "Api", key: "API" });
    expect((await api.task.create({ projectId: other.id, title: "x" })).reference).toBe("API-1");
  });

  it("hands out unique numbers to 50 concurrent creations", async () => {
    const { org, user, project } = await tenantWithProject();
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callerAs(user, org.id).task.create({ projectId: project.id, title: `T${i}` }),
      ),
    );
    const numbers = created.map((t) => t.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("sets completedAt when a task is done and clears it when reopened, recording the activity", async () => {
    const { api, project } = await tenantWithProject();
    const task = await api.task.create({ projectId: project.id, title: "Ship" });
    expect(task.completedAt).toBeNull();
    const done = await api.task.update({ id: task.id, status: "DONE" });
    expect(done.completedAt).toBeInstanceOf(Date);
    const again = await api.task.update({ id: task.id, status: "DONE", title: "Ship it" });
    expect(again.completedAt).toEqual(done.completedAt);
    const reopened = await api.task.update({ id: task.id, status: "IN_PROGRESS" });
    expect(reopened.completedAt).toBeNull();

    const { items } = await api.task.activity({ taskId: task.id });
    expect(items.map((a) => [a.field, a.from, a.to])).toEqual([
      ["created", null, { title: "Ship", status: "TODO" }],
      ["status", "TODO", "DONE"],
      ["title", "Ship", "Ship it"],
      ["status", "DONE", "IN_PROGRESS"],
    ]);
    expect(items.every((a) => a.actor !== null)).toBe(true);
  });

  it("refuses subtask cycles and cross-project parents", async () => {
    const { api, project } = await tenantWithProject();
    const a = await api.task.create({ projectId: project.id, title: "A" });
    const b = await api.task.create({ projectId: project.id, title: "B", parentId: a.id });
    const c = await api.task.create({ projectId: project.id, title: "C", parentId: b.id });
    const cycle = await expectTRPCError(
      api.task.update({ id: a.id, parentId: c.id }),
      "BAD_REQUEST",
    );
    expect(cycle.message).toContain("cycle");
    // A field error: forms show it on the parent field (the error formatter flattens this cause).
    expect(cycle.cause).toBeInstanceOf(ZodError);
    expect((cycle.cause as ZodError).issues.map((i) => i.path)).toEqual([["parentId"]]);
    await expectTRPCError(api.task.update({ id: a.id, parentId: a.id }), "BAD_REQUEST");
    const other = await api.project.create({ name: "Other" });
    const elsewhere = await api.task.create({ projectId: other.id, title: "X" });
    await expectTRPCError(api.task.update({ id: elsewhere.id, parentId: a.id }), "BAD_REQUEST");

    const detail = await api.task.get({ id: a.id });
    expect(detail.subtasks.map((s) => s.reference)).toEqual([b.reference]);
    expect((await api.task.get({ id: b.id })).parent?.id).toBe(a.id);
    // Deleting a parent deletes its subtasks with it (one undo brings both back: task-trash.test.ts).
    await api.task.delete({ id: b.id });
    await expectTRPCError(api.task.get({ id: c.id }), "NOT_FOUND");
  });

  it("accepts only active members of the organization (and of members-only projects) as assignees", async () => {
    const { org, api, project, ownerMembershipId } = await tenantWithProject();
    const colleague = await createUser();
    const colleagueMembership = await addMembership(org.id, colleague.id, "MEMBER");
    const task = await api.task.create({
      projectId: project.id,
      title: "Pair",
      assigneeIds: [ownerMembershipId, colleagueMembership],
    });
    expect(task.assignees.map((a) => a.userId).sort()).toEqual(
      [colleague.id, task.createdById ?? ""].sort(),
    );

    const stranger = await createTenant();
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM memberships WHERE organization_id = $1",
      [stranger.org.id],
    );
    const foreign = rows[0]?.id ?? "";
    await expectTRPCError(
      api.task.create({ projectId: project.id, title: "x", assigneeIds: [foreign] }),
      "BAD_REQUEST",
    );
    await expectTRPCError(api.task.update({ id: task.id, assigneeIds: [foreign] }), "BAD_REQUEST");

    const secret = await api.project.create({ name: "Secret", visibility: "MEMBERS" });
    await expectTRPCError(
      api.task.create({ projectId: secret.id, title: "x", assigneeIds: [colleagueMembership] }),
      "BAD_REQUEST",
    );
  });

  it("keeps tasks of members-only projects invisible to non-members", async () => {
    const { org, api } = await tenantWithProject();
    const secret = await api.project.create({ name: "Secret", visibility: "MEMBERS" });
    const task = await api.task.create({ projectId: secret.id, title: "Hidden" });
    const outsider = await createUser();
    await addMembership(org.id, outsider.id, "MEMBER");
    const outsiderApi = callerAs(outsider, org.id);
    await expectTRPCError(outsiderApi.task.get({ id: task.id }), "NOT_FOUND");
    await expectTRPCError(outsiderApi.task.update({ id: task.id, title: "x" }), "NOT_FOUND");
    await expectTRPCError(outsiderApi.task.comment.list({ taskId: task.id }), "NOT_FOUND");
    expect((await outsiderApi.task.list({})).items).toEqual([]);
    expect((await outsiderApi.task.list({ search: "Hidden" })).items).toEqual([]);
    expect((await outsiderApi.task.analytics({})).total).toBe(0);
    await expectTRPCError(
      outsiderApi.task.bulk({ ids: [task.id], action: { type: "setStatus", status: "DONE" } }),
      "NOT_FOUND",
    );
  });

  it("never reaches another tenant's tasks", async () => {
    const a = await tenantWithProject();
    const b = await tenantWithProject();
    const taskOfA = await a.api.task.create({ projectId: a.project.id, title: "A only" });
    await expectTRPCError(b.api.task.get({ id: taskOfA.id }), "NOT_FOUND");
    await expectTRPCError(b.api.task.delete({ id: taskOfA.id }), "NOT_FOUND");
    await expectTRPCError(
      b.api.task.create({ projectId: a.project.id, title: "smuggled" }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      b.api.task.create({ projectId: b.project.id, title: "x", parentId: taskOfA.id }),
      "BAD_REQUEST",
    );
    expect((await b.api.task.list({ search: "only" })).items).toEqual([]);
  });

  it("filters, searches and pages with stable cursors in every sort", async () => {
    const { org, api, project, ownerMembershipId } = await tenantWithProject();
    const bug = await api.tag.create({ name: "bug", color: "#DC2626" });
    expect(bug.color).toBe("#dc2626");
    const specs = [
      { title: "Fix login redirect", priority: "URGENT", dueDate: "2026-12-01", tag: true },
      { title: "Write onboarding docs", priority: "LOW", dueDate: null, tag: false },
      { title: "Refactor billing", priority: "HIGH", dueDate: "2026-11-30", tag: true },
      { title: "Login page copy", priority: "MEDIUM", dueDate: "2026-12-15", tag: false },
      { title: "Archive me", priority: "LOW", dueDate: null, tag: false },
    ] as const;
    const created = [];
    for (const s of specs) {
      created.push(
        await api.task.create({
          projectId: project.id,
          title: s.title,
          priority: s.priority,
          dueDate: s.dueDate,
          tagIds: s.tag ? [bug.id] : [],
          assigneeIds: s.priority === "URGENT" ? [ownerMembershipId] : [],
        }),
      );
    }
    await api.task.update({ id: created[4]?.id ?? "", status: "ARCHIVED" });
    const titles = async (input: Parameters<typeof api.task.list>[0]) =>
      (await api.task.list(input)).items.map((t) => t.title);

    expect(await titles({ search: "login" })).toEqual(["Login page copy", "Fix login redirect"]);
    expect(await titles({ search: "WEB-3" })).toEqual(["Refactor billing"]);
    expect(await titles({ tagId: bug.id })).toEqual(["Refactor billing", "Fix login redirect"]);
    expect(await titles({ assigneeId: ownerMembershipId })).toEqual(["Fix login redirect"]);
    expect(await titles({ priority: ["LOW"] })).toEqual(["Write onboarding docs"]);
    expect(await titles({ status: ["ARCHIVED"] })).toEqual(["Archive me"]);
    expect(await titles({ dueFrom: "2026-12-01", dueTo: "2026-12-31" })).toEqual([
      "Login page copy",
      "Fix login redirect",
    ]);

    const everyPage = async (sort: "newest" | "oldest" | "due" | "priority") => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { title: string }[]; nextCursor: string | null } = await api.task.list(
          {
            sort,
            limit: 1,
            cursor,
          },
        );
        seen.push(...page.items.map((t) => t.title));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await everyPage("oldest")).toEqual(specs.slice(0, 4).map((s) => s.title));
    expect(await everyPage("newest")).toEqual(
      specs
        .slice(0, 4)
        .map((s) => s.title)
        .reverse(),
    );
    expect(await everyPage("due")).toEqual([
      "Refactor billing",
      "Fix login redirect",
      "Login page copy",
      "Write onboarding docs",
    ]);
    expect(await everyPage("priority")).toEqual([
      "Fix login redirect",
      "Refactor billing",
      "Login page copy",
      "Write onboarding docs",
    ]);
    await expectTRPCError(api.task.list({ cursor: "not-a-cursor" }), "BAD_REQUEST");
    const forged = Buffer.from(JSON.stringify({ k: "NOPE", id: created[0]?.id })).toString(
      "base64url",
    );
    await expectTRPCError(api.task.list({ sort: "priority", cursor: forged }), "BAD_REQUEST");
    await expectTRPCError(api.task.list({ limit: 101 }), "BAD_REQUEST");
    expect(org.id).toBeTruthy();
  });

  it("applies bulk changes to all selected tasks in one transaction, or to none", async () => {
    const a = await tenantWithProject();
    const b = await tenantWithProject();
    const t1 = await a.api.task.create({ projectId: a.project.id, title: "1" });
    const t2 = await a.api.task.create({ projectId: a.project.id, title: "2" });
    const foreign = await b.api.task.create({ projectId: b.project.id, title: "theirs" });

    await expectTRPCError(
      a.api.task.bulk({ ids: [t1.id, foreign.id], action: { type: "setStatus", status: "DONE" } }),
      "NOT_FOUND",
    );
    expect((await a.api.task.get({ id: t1.id })).status).toBe("TODO");

    const tag = await a.api.tag.create({ name: "ops", color: "#111111" });
    expect(
      await a.api.task.bulk({ ids: [t1.id, t2.id], action: { type: "setStatus", status: "DONE" } }),
    ).toEqual({ updated: 2 });
    expect(
      await a.api.task.bulk({ ids: [t1.id, t2.id], action: { type: "addTag", tagId: tag.id } }),
    ).toEqual({ updated: 2 });
    const done = await a.api.task.list({ status: ["DONE"], tagId: tag.id });
    expect(done.items.map((t) => t.title).sort()).toEqual(["1", "2"]);
    expect(done.items.every((t) => t.completedAt instanceof Date)).toBe(true);
    await expectTRPCError(
      a.api.task.bulk({
        ids: Array.from({ length: 101 }, () => t1.id),
        action: { type: "setStatus", status: "DONE" },
      }),
      "BAD_REQUEST",
    );
  });

  it("sets and clears the due date of selected tasks in bulk, counting only real changes", async () => {
    const a = await tenantWithProject();
    const t1 = await a.api.task.create({ projectId: a.project.id, title: "1" });
    const t2 = await a.api.task.create({
      projectId: a.project.id,
      title: "2",
      dueDate: "2026-12-24",
    });
    expect(
      await a.api.task.bulk({
        ids: [t1.id, t2.id],
        action: { type: "setDueDate", dueDate: "2026-12-24" },
      }),
    ).toEqual({ updated: 1 });
    expect((await a.api.task.get({ id: t1.id })).dueDate).toBe("2026-12-24");
    const activity = await a.api.task.activity({ taskId: t1.id });
    expect(activity.items.some((e) => e.field === "dueDate" && e.to === "2026-12-24")).toBe(true);
    expect(
      await a.api.task.bulk({ ids: [t1.id, t2.id], action: { type: "setDueDate", dueDate: null } }),
    ).toEqual({ updated: 2 });
    expect((await a.api.task.get({ id: t2.id })).dueDate).toBeNull();
    await expectTRPCError(
      a.api.task.bulk({ ids: [t1.id], action: { type: "setDueDate", dueDate: "24/12/2026" } }),
      "BAD_REQUEST",
    );
  });

  it("replaces the assignees of selected tasks in bulk, only with members", async () => {
    const a = await tenantWithProject();
    const b = await tenantWithProject();
    const me = { id: a.ownerMembershipId };
    const foreigner = { id: b.ownerMembershipId };
    const t1 = await a.api.task.create({ projectId: a.project.id, title: "1" });
    const t2 = await a.api.task.create({
      projectId: a.project.id,
      title: "2",
      assigneeIds: [me.id],
    });

    // Already assigned to exactly that set: only t1 changes.
    expect(
      await a.api.task.bulk({
        ids: [t1.id, t2.id],
        action: { type: "setAssignees", membershipIds: [me.id] },
      }),
    ).toEqual({ updated: 1 });
    const mine = await a.api.task.list({ projectId: a.project.id, assigneeId: me.id });
    expect(mine.items.map((t) => t.title).sort()).toEqual(["1", "2"]);
    const activity = await a.api.task.activity({ taskId: t1.id });
    expect(activity.items.some((i) => i.field === "assignees")).toBe(true);

    // Another tenant's member is refused, and nothing changes.
    await expectTRPCError(
      a.api.task.bulk({
        ids: [t1.id],
        action: { type: "setAssignees", membershipIds: [foreigner.id] },
      }),
      "BAD_REQUEST",
    );
    expect((await a.api.task.get({ id: t1.id })).assignees.map((x) => x.membershipId)).toEqual([
      me.id,
    ]);

    // An empty set unassigns.
    expect(
      await a.api.task.bulk({
        ids: [t1.id, t2.id],
        action: { type: "setAssignees", membershipIds: [] },
      }),
    ).toEqual({ updated: 2 });
    expect(
      (await a.api.task.list({ projectId: a.project.id })).items.every(
        (t) => t.assignees.length === 0,
      ),
    ).toBe(true);
  });

  it("computes analytics in SQL", async () => {
    const { api, project } = await tenantWithProject();
    await api.task.create({ projectId: project.id, title: "late", dueDate: "2020-01-01" });
    await api.task.create({
      projectId: project.id,
      title: "done",
      status: "DONE",
      priority: "HIGH",
    });
    await api.task.create({ projectId: project.id, title: "doing", status: "IN_PROGRESS" });
    const stats = await api.task.analytics({ projectId: project.id });
    expect(stats.total).toBe(3);
    expect(stats.byStatus).toEqual({ TODO: 1, IN_PROGRESS: 1, IN_REVIEW: 0, DONE: 1, ARCHIVED: 0 });
    expect(stats.byPriority).toEqual({ LOW: 0, MEDIUM: 2, HIGH: 1, URGENT: 0 });
    expect(stats.overdue).toBe(1);
    expect(stats.completedThisWeek).toBe(1);
    expect(stats.averageCompletionHours).toBe(0);
  });

  it("refuses changes to tasks of an archived project", async () => {
    const { api, project } = await tenantWithProject();
    const task = await api.task.create({ projectId: project.id, title: "t" });
    await api.project.archive({ id: project.id });
    const error = await expectTRPCError(api.task.update({ id: task.id, title: "x" }), "FORBIDDEN");
    expect(error.message).toContain("archived");
    expect((await api.task.get({ id: task.id })).title).toBe("t");
  });
});

describe("comments and tags", () => {
  it("lets authors edit, moderators delete, and validates mentions", async () => {
    const { org, api, project } = await tenantWithProject();
    const member = await createUser();
    const memberMembership = await addMembership(org.id, member.id, "MEMBER");
    const memberApi = callerAs(member, org.id);
    const task = await api.task.create({ projectId: project.id, title: "Discuss" });

    const comment = await memberApi.task.comment.create({
      taskId: task.id,
      body: "Looks good",
      mentionIds: [memberMembership],
    });
    expect(comment.mentions.map((m) => m.userId)).toEqual([member.id]);
    await expectTRPCError(api.task.comment.update({ id: comment.id, body: "forged" }), "FORBIDDEN");
    const edited = await memberApi.task.comment.update({ id: comment.id, body: "Looks great" });
    expect(edited.editedAt).toBeInstanceOf(Date);
    // Editing without mentions keeps them; with mentions replaces them (members of this organization only).
    expect(edited.mentions.map((m) => m.userId)).toEqual([member.id]);

    const other = await createUser();
    const otherMembership = await addMembership(org.id, other.id, "MEMBER");
    const remention = await memberApi.task.comment.update({
      id: comment.id,
      body: "Looks great, @other",
      mentionIds: [otherMembership],
    });
    expect(remention.mentions.map((m) => m.userId)).toEqual([other.id]);
    const unmentioned = await memberApi.task.comment.update({
      id: comment.id,
      body: "Looks great",
      mentionIds: [],
    });
    expect(unmentioned.mentions).toEqual([]);
    await expectTRPCError(
      callerAs(other, org.id).task.comment.delete({ id: comment.id }),
      "FORBIDDEN",
    );
    await api.task.comment.delete({ id: comment.id }); // the owner moderates
    expect((await api.task.comment.list({ taskId: task.id })).items).toEqual([]);
    const audit = await api.audit.list({ targetId: comment.id });
    expect(audit.items.map((e) => e.action)).toEqual([
      "comment.moderate.delete",
      "comment.update",
      "comment.update",
      "comment.update",
      "comment.create",
    ]);

    const stranger = await createTenant();
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM memberships WHERE organization_id = $1",
      [stranger.org.id],
    );
    await expectTRPCError(
      api.task.comment.create({ taskId: task.id, body: "hey", mentionIds: [rows[0]?.id ?? ""] }),
      "BAD_REQUEST",
    );
    const mine = await api.task.comment.create({ taskId: task.id, body: "mine" });
    await expectTRPCError(
      api.task.comment.update({ id: mine.id, body: "hey", mentionIds: [rows[0]?.id ?? ""] }),
      "BAD_REQUEST",
    );
  });

  it("keeps tag names unique per organization and validates colors", async () => {
    const { api } = await tenantWithProject();
    await api.tag.create({ name: "bug", color: "#ff0000" });
    await expectTRPCError(api.tag.create({ name: "bug", color: "#00ff00" }), "CONFLICT");
    await expectTRPCError(api.tag.create({ name: "x", color: "red" }), "BAD_REQUEST");
    const other = await tenantWithProject();
    expect((await other.api.tag.create({ name: "bug", color: "#ff0000" })).name).toBe("bug");
    expect((await api.tag.list()).map((t) => t.name)).toEqual(["bug"]);
  });
});
