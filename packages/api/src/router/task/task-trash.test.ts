// Soft deletion of tasks: a deleted task (with the subtasks deleted with it) is gone from every read, comes back
// with task.restore inside the 30-day window, and the scheduled purge removes it for good afterwards.
import { describe, expect, it } from "vitest";

import { purgeDeletedTasks } from "@tenantry/core/work/task-purge";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
  expectTRPCError,
  setOrganizationState,
} from "../../../test/fixtures.ts";
import { accessTokenFor, restClient } from "../../../test/rest/rest-client.ts";

async function tenantWithTasks() {
  const tenant = await createTenant();
  await setOrganizationState(tenant.org.id, { plan: "PRO" });
  const api = callerAs(tenant.user, tenant.org.id);
  const project = await api.project.create({ name: "Web", key: "WEB" });
  const { rows } = await admin.query<{ id: string }>(
    "SELECT id FROM memberships WHERE organization_id = $1 AND user_id = $2",
    [tenant.org.id, tenant.user.id],
  );
  const me = rows[0]?.id ?? "";
  const tag = await api.tag.create({ name: "pricing", color: "#1d4ed8" });
  const parent = await api.task.create({
    projectId: project.id,
    title: "Pricing page rework",
    assigneeIds: [me],
    tagIds: [tag.id],
    dueDate: "2020-01-01",
  });
  const child = await api.task.create({
    projectId: project.id,
    title: "Pricing table copy",
    parentId: parent.id,
  });
  const keep = await api.task.create({ projectId: project.id, title: "Unrelated" });
  await api.task.comment.create({ taskId: parent.id, body: "A comment" });
  return { ...tenant, api, project, me, tag, parent, child, keep };
}

type World = Awaited<ReturnType<typeof tenantWithTasks>>;

/** Every read a deleted task could surface in: lists (board and table), search, filters, counts, the task page. */
async function visibleIds(w: World) {
  const { api, project, me, tag } = w;
  const ids = (page: { items: { id: string }[] }) => page.items.map((t) => t.id).sort();
  return {
    project: ids(await api.task.list({ projectId: project.id })),
    organization: ids(await api.task.list({})),
    search: ids(await api.task.list({ search: "pricing" })),
    mine: ids(await api.task.list({ assigneeId: me })),
    tagged: ids(await api.task.list({ tagId: tag.id })),
    byDue: ids(await api.task.list({ projectId: project.id, sort: "due" })),
    total: (await api.task.analytics({ projectId: project.id })).total,
  };
}

describe("task soft delete and restore", () => {
  it("hides a deleted task and its subtasks everywhere, and a restore brings both back", async () => {
    const w = await tenantWithTasks();
    const { api, parent, child, keep } = w;
    const before = await visibleIds(w);
    expect(before.project).toEqual([parent.id, child.id, keep.id].sort());
    expect(before.total).toBe(3);

    await api.task.delete({ id: parent.id });

    expect(await visibleIds(w)).toEqual({
      project: [keep.id],
      organization: [keep.id],
      search: [],
      mine: [],
      tagged: [],
      byDue: [keep.id],
      total: 1,
    });
    await expectTRPCError(api.task.get({ id: parent.id }), "NOT_FOUND");
    await expectTRPCError(api.task.get({ id: child.id }), "NOT_FOUND");
    await expectTRPCError(api.task.comment.list({ taskId: parent.id }), "NOT_FOUND");
    await expectTRPCError(api.task.attachment.list({ id: parent.id }), "NOT_FOUND");
    await expectTRPCError(api.task.activity({ taskId: parent.id }), "NOT_FOUND");
    await expectTRPCError(api.task.update({ id: parent.id, title: "Edited" }), "NOT_FOUND");
    await expectTRPCError(
      api.task.bulk({ ids: [parent.id, keep.id], action: { type: "setStatus", status: "DONE" } }),
      "NOT_FOUND",
    );
    await expectTRPCError(api.task.delete({ id: parent.id }), "NOT_FOUND");
    // A deleted task is no parent for another.
    await expectTRPCError(api.task.update({ id: keep.id, parentId: parent.id }), "BAD_REQUEST");
    // The rows are still there, marked, with their comment: that is what makes the undo possible.
    const { rows } = await admin.query<{ id: string; deleted_at: Date | null }>(
      "SELECT id, deleted_at FROM tasks WHERE organization_id = $1 ORDER BY number",
      [w.org.id],
    );
    expect(rows.filter((r) => r.deleted_at !== null).map((r) => r.id)).toEqual([
      parent.id,
      child.id,
    ]);
    expect(rows[0]?.deleted_at?.getTime()).toBe(rows[1]?.deleted_at?.getTime());

    const restored = await api.task.restore({ id: parent.id });
    expect(restored).toMatchObject({ id: parent.id, reference: parent.reference, subtaskCount: 1 });
    expect(await visibleIds(w)).toEqual(before);
    const detail = await api.task.get({ id: parent.id });
    expect(detail.subtasks.map((s) => s.id)).toEqual([child.id]);
    expect((await api.task.comment.list({ taskId: parent.id })).items).toHaveLength(1);
    expect((await api.task.activity({ taskId: parent.id })).items.at(-1)?.field).toBe("restored");
    // Restoring twice: nothing is deleted any more.
    await expectTRPCError(api.task.restore({ id: parent.id }), "NOT_FOUND");

    const audit = await admin.query<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_logs WHERE organization_id = $1 AND action IN ('task.delete', 'task.restore')
       ORDER BY created_at`,
      [w.org.id],
    );
    expect(audit.rows).toEqual([
      { action: "task.delete", target_id: parent.id },
      { action: "task.restore", target_id: parent.id },
    ]);
  });

  it("restores a subtask deleted with its parent at the top level, and keeps one deleted before apart", async () => {
    const w = await tenantWithTasks();
    const { api, parent, child } = w;
    await api.task.delete({ id: child.id });
    await api.task.delete({ id: parent.id });
    await api.task.restore({ id: parent.id });
    // The child was deleted on its own first: the parent's restore leaves it deleted.
    expect((await api.task.get({ id: parent.id })).subtasks).toEqual([]);
    await api.task.delete({ id: parent.id });
    const alone = await api.task.restore({ id: child.id });
    expect(alone.parentId).toBeNull();
  });

  it("hides a deleted task from the REST API and restores it there", async () => {
    const w = await tenantWithTasks();
    const rest = restClient(await accessTokenFor(w.user), { org: w.org.id });
    expect((await rest("DELETE", `/tasks/${w.keep.id}`)).status).toBe(200);
    expect((await rest("GET", `/tasks/${w.keep.id}`)).status).toBe(404);
    const list = await rest("GET", "/tasks", { query: { projectId: w.project.id } });
    expect((list.body as { items: { id: string }[] }).items.map((t) => t.id)).not.toContain(
      w.keep.id,
    );
    const back = await rest("POST", `/tasks/${w.keep.id}/restore`);
    expect(back.status).toBe(200);
    expect((await rest("GET", `/tasks/${w.keep.id}`)).status).toBe(200);
  });

  it("answers NOT_FOUND to a restore of another organization's deleted task, and changes nothing", async () => {
    const a = await tenantWithTasks();
    const b = await createTenant();
    await a.api.task.delete({ id: a.keep.id });
    const outsider = callerAs(b.user, b.org.id);
    await expectTRPCError(outsider.task.restore({ id: a.keep.id }), "NOT_FOUND");
    const { rows } = await admin.query<{ deleted_at: Date | null }>(
      "SELECT deleted_at FROM tasks WHERE organization_id = $1 AND id = $2",
      [a.org.id, a.keep.id],
    );
    expect(rows[0]?.deleted_at).toBeInstanceOf(Date);
    // A viewer of the same organization (no task.delete) is refused.
    const viewer = await createUser();
    await addMembership(a.org.id, viewer.id, "VIEWER");
    await expectTRPCError(callerAs(viewer, a.org.id).task.restore({ id: a.keep.id }), "FORBIDDEN");
  });

  it("refuses a restore past the 30-day window, and the purge then removes the rows for good", async () => {
    const w = await tenantWithTasks();
    await w.api.task.delete({ id: w.parent.id });
    await w.api.task.delete({ id: w.keep.id });
    // The parent's subtree was deleted 31 days ago; `keep` just now.
    await admin.query(
      `UPDATE tasks SET deleted_at = now() - interval '31 days'
       WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [w.org.id, [w.parent.id, w.child.id]],
    );
    await expectTRPCError(w.api.task.restore({ id: w.parent.id }), "NOT_FOUND");

    // Batch 1: the purge still drains everything due, even when a batch splits the parent from its subtask.
    const { purged } = await purgeDeletedTasks(db, { batch: 1 });
    expect(purged).toBeGreaterThanOrEqual(2);
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM tasks WHERE organization_id = $1 ORDER BY number",
      [w.org.id],
    );
    expect(rows.map((r) => r.id)).toEqual([w.keep.id]);
    const comments = await admin.query("SELECT 1 FROM task_comments WHERE task_id = $1", [
      w.parent.id,
    ]);
    expect(comments.rowCount).toBe(0);
    // Inside the window: untouched, and still restorable.
    expect((await w.api.task.restore({ id: w.keep.id })).id).toBe(w.keep.id);
  });

  it("bulk-deletes all or none, audits each deleted subtree, and the undo restores the tree as it was", async () => {
    const w = await tenantWithTasks();
    const { api, parent, child, keep } = w;
    const stranger = await createTenant();
    const foreign = await callerAs(stranger.user, stranger.org.id)
      .project.create({ name: "Theirs", key: "THR" })
      .then((p) =>
        callerAs(stranger.user, stranger.org.id).task.create({ projectId: p.id, title: "X" }),
      );
    // One foreign id: nothing is deleted.
    await expectTRPCError(api.task.bulkDelete({ ids: [keep.id, foreign.id] }), "NOT_FOUND");
    expect((await api.task.list({ projectId: w.project.id })).items).toHaveLength(3);
    await expectTRPCError(
      api.task.bulkDelete({ ids: Array.from({ length: 51 }, () => keep.id) }),
      "BAD_REQUEST",
    );

    // The subtask first, then its parent and another task.
    const { ids } = await api.task.bulkDelete({ ids: [child.id, parent.id, keep.id] });
    expect(ids.sort()).toEqual([parent.id, keep.id].sort());
    expect((await api.task.list({ projectId: w.project.id })).items).toEqual([]);
    // The subtask went with its parent: named in the parent's entry.
    const audit = await admin.query<{ target_id: string; metadata: { subtaskIds: string[] } }>(
      "SELECT target_id, metadata FROM audit_logs WHERE organization_id = $1 AND action = 'task.delete'",
      [w.org.id],
    );
    expect(audit.rows.map((r) => r.target_id).sort()).toEqual([parent.id, keep.id].sort());
    expect(audit.rows.find((r) => r.target_id === parent.id)?.metadata.subtaskIds).toEqual([
      child.id,
    ]);

    for (const id of ids) await api.task.restore({ id });
    expect((await api.task.get({ id: child.id })).parentId).toBe(parent.id);
    expect((await api.task.list({ projectId: w.project.id })).items).toHaveLength(3);
  });
});
