// The storage level in the usage ledger follows the attachments actually stored: an upload adds its bytes, deleting
// it takes them off. A soft-deleted task (restorable for 30 days) or project keeps its files, and its bytes; the
// purge past the restore window removes the files and takes their bytes off, once.
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

import { purgeDeletedTasks } from "@tenantry/core/work/task-purge";

import { admin, callerAs, createTenant, db } from "../../../test/fixtures.ts";

const attachmentsDir = inject("attachmentsDir");

function form(taskId: string, content: string, name: string): FormData {
  const data = new FormData();
  data.set("taskId", taskId);
  data.set("file", new File([content], name, { type: "text/plain" }));
  return data;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe("attachment storage in the usage ledger", () => {
  it("keeps a soft-deleted task's attachments and bytes, and takes off one deleted on its own once", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const today = new Date().toISOString().slice(0, 10);
    const storage = async () =>
      (await api.usage.summary({ from: today, to: today })).billable.find(
        (b) => b.metric === "storage_bytes",
      );

    const project = await api.project.create({ name: "Files" });
    const doomed = await api.task.create({ projectId: project.id, title: "Doomed" });
    const kept = await api.task.create({ projectId: project.id, title: "Kept" });
    const first = await api.task.attachment.upload(form(doomed.id, "0123456789", "a.txt"));
    const second = await api.task.attachment.upload(form(doomed.id, "abcdef", "b.txt"));
    const removedEarlier = await api.task.attachment.upload(form(doomed.id, "xyz", "c.txt"));
    const survivor = await api.task.attachment.upload(form(kept.id, "1234", "d.txt"));
    expect(await storage()).toMatchObject({ balance: 10 + 6 + 3 + 4, inRange: 23 });

    // One deleted on its own first: its bytes come off then, and not again with its task.
    await api.task.attachment.delete({ id: removedEarlier.id });
    expect((await storage())?.balance).toBe(20);

    // A deleted task can be restored for 30 days (task-trash.ts), like a soft-deleted project: its files stay, and
    // so do their bytes, until then.
    await api.task.delete({ id: doomed.id });
    expect((await storage())?.balance).toBe(20);
    for (const kept of [first, second]) {
      expect(await exists(path.join(attachmentsDir, org.id, kept.id))).toBe(true);
    }
    expect(await exists(path.join(attachmentsDir, org.id, removedEarlier.id))).toBe(false);
    await api.task.restore({ id: doomed.id });
    expect((await api.task.attachment.list({ id: doomed.id })).map((a) => a.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    expect((await storage())?.balance).toBe(20);
    expect(await readFile(path.join(attachmentsDir, org.id, survivor.id), "utf8")).toBe("1234");

    // A soft-deleted project can be restored with its attachments: their files stay, and so does their level.
    await api.project.delete({ id: project.id });
    expect((await storage())?.balance).toBe(20);
    expect(await exists(path.join(attachmentsDir, org.id, survivor.id))).toBe(true);
  });

  it("takes a purged task's attachment bytes off the level once and removes their files", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const today = new Date().toISOString().slice(0, 10);
    const storage = async () =>
      (await api.usage.summary({ from: today, to: today })).billable.find(
        (b) => b.metric === "storage_bytes",
      );
    const project = await api.project.create({ name: "Purged" });
    const old = await api.task.create({ projectId: project.id, title: "Old" });
    const recent = await api.task.create({ projectId: project.id, title: "Recent" });
    const gone = await api.task.attachment.upload(form(old.id, "0123456789", "a.txt"));
    const stays = await api.task.attachment.upload(form(recent.id, "abc", "b.txt"));
    await api.task.delete({ id: old.id });
    await api.task.delete({ id: recent.id });
    await admin.query(
      "UPDATE tasks SET deleted_at = now() - interval '31 days' WHERE organization_id = $1 AND id = $2",
      [org.id, old.id],
    );
    expect((await storage())?.balance).toBe(13);

    const first = await purgeDeletedTasks(db);
    expect(first.purged).toBeGreaterThanOrEqual(1);
    expect((await storage())?.balance).toBe(3);
    expect(await exists(path.join(attachmentsDir, org.id, gone.id))).toBe(false);
    expect(await exists(path.join(attachmentsDir, org.id, stays.id))).toBe(true);
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM tasks WHERE organization_id = $1 ORDER BY number",
      [org.id],
    );
    expect(rows.map((r) => r.id)).toEqual([recent.id]);

    // A second run finds nothing of this organization and releases nothing twice.
    await purgeDeletedTasks(db);
    expect((await storage())?.balance).toBe(3);
  });
});
