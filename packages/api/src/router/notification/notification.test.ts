import { describe, expect, it } from "vitest";

import { notifyAdmins } from "@tenantry/core";
import { withTenantTransaction } from "@tenantry/db";

import type { TestUser } from "../../../test/fixtures.ts";
import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
} from "../../../test/fixtures.ts";

async function mailsTo(email: string): Promise<string[]> {
  const { rows } = await admin.query<{ subject: string }>(
    `SELECT subject FROM mail_outbox WHERE "to" = $1 ORDER BY created_at, id`,
    [email],
  );
  return rows.map((r) => r.subject);
}

/** An organization with an owner (the author) and a member, and a task of an organization-wide project. */
async function setup() {
  const { org, user: author } = await createTenant("Notify");
  const member = await createUser();
  const memberMembership = await addMembership(org.id, member.id, "MEMBER");
  const api = callerAs(author, org.id);
  const project = await api.project.create({ name: "Web" });
  const task = await api.task.create({ projectId: project.id, title: "Ship it" });
  return { org, author, member, memberMembership, api, project, task };
}

const inbox = (user: TestUser, orgId: string) => callerAs(user, orgId).notification;

describe("notifications", () => {
  it("tells a mentioned member, in-app and by email, and not the author", async () => {
    const { org, author, member, memberMembership, api, task } = await setup();
    await api.task.comment.create({
      taskId: task.id,
      body: "Can you look?",
      mentionIds: [memberMembership],
    });
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 1 });
    const { items } = await inbox(member, org.id).list({});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: "MENTION",
      readAt: null,
      data: {
        taskId: task.id,
        taskReference: task.reference,
        taskTitle: "Ship it",
        excerpt: "Can you look?",
      },
    });
    expect(await mailsTo(member.email)).toEqual([
      `${author.name} mentioned you on ${task.reference} Ship it`,
    ]);
    expect(await inbox(author, org.id).unreadCount()).toEqual({ count: 0 });
  });

  it("tells assignees of an assignment and of comments on their task", async () => {
    const { org, member, memberMembership, api, task } = await setup();
    await api.task.update({ id: task.id, assigneeIds: [memberMembership] });
    await api.task.comment.create({ taskId: task.id, body: "Status?", mentionIds: [] });
    const { items } = await inbox(member, org.id).list({});
    expect(items.map((n) => n.kind)).toEqual(["TASK_COMMENT", "TASK_ASSIGNED"]);
    // Re-saving the same assignees assigns nobody anew.
    await api.task.update({ id: task.id, assigneeIds: [memberMembership], title: "Ship it now" });
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 2 });
  });

  it("follows each user's preferences per kind", async () => {
    const { org, member, memberMembership, api, task } = await setup();
    await inbox(member, org.id).setPreference({ kind: "MENTION", inApp: false, email: false });
    await api.task.comment.create({ taskId: task.id, body: "one", mentionIds: [memberMembership] });
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 0 });
    expect(await mailsTo(member.email)).toEqual([]);

    await inbox(member, org.id).setPreference({ kind: "MENTION", inApp: false, email: true });
    await api.task.comment.create({ taskId: task.id, body: "two", mentionIds: [memberMembership] });
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 0 });
    expect(await mailsTo(member.email)).toHaveLength(1);

    await inbox(member, org.id).setPreference({ kind: "MENTION", inApp: true, email: false });
    await api.task.comment.create({
      taskId: task.id,
      body: "three",
      mentionIds: [memberMembership],
    });
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 1 });
    expect(await mailsTo(member.email)).toHaveLength(1);

    const prefs = await inbox(member, org.id).preferences();
    expect(prefs.find((p) => p.kind === "MENTION")).toEqual({
      kind: "MENTION",
      inApp: true,
      email: false,
    });
    expect(prefs.find((p) => p.kind === "TASK_ASSIGNED")).toEqual({
      kind: "TASK_ASSIGNED",
      inApp: true,
      email: true,
    });
  });

  it("reaches only members: nobody outside, nobody who cannot see the project", async () => {
    const { org, api, project } = await setup();
    const other = await createTenant("Elsewhere");
    const outsiderMembership = await admin.query<{ id: string }>(
      "SELECT id FROM memberships WHERE organization_id = $1",
      [other.org.id],
    );
    const task = await api.task.create({ projectId: project.id, title: "Mine" });
    await expect(
      api.task.comment.create({
        taskId: task.id,
        body: "hey",
        mentionIds: [outsiderMembership.rows[0]?.id ?? ""],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await inbox(other.user, other.org.id).unreadCount()).toEqual({ count: 0 });

    // A members-only project: a member outside it is not told about its tasks, even when named.
    const hidden = await api.project.create({ name: "Secret", visibility: "MEMBERS" });
    const hiddenTask = await api.task.create({ projectId: hidden.id, title: "Classified" });
    const viewer = await createUser();
    const viewerMembership = await addMembership(org.id, viewer.id, "MEMBER");
    await api.task.comment.create({
      taskId: hiddenTask.id,
      body: "x",
      mentionIds: [viewerMembership],
    });
    expect(await inbox(viewer, org.id).list({})).toEqual({ items: [], nextCursor: null });
    expect(await mailsTo(viewer.email)).toEqual([]);
  });

  it("stops for a removed member, who can no longer read the organization's notifications", async () => {
    const { org, member, memberMembership, api, task } = await setup();
    await api.task.comment.create({
      taskId: task.id,
      body: "before",
      mentionIds: [memberMembership],
    });
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 1 });
    await api.member.remove({ membershipId: memberMembership });

    await expect(inbox(member, org.id).list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { rows } = await admin.query(
      "SELECT id FROM notifications WHERE organization_id = $1 AND user_id = $2",
      [org.id, member.id],
    );
    expect(rows).toEqual([]);
    await expect(
      api.task.comment.create({ taskId: task.id, body: "after", mentionIds: [memberMembership] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The only mail is the one from before the removal.
    expect(await mailsTo(member.email)).toHaveLength(1);
  });

  it("lets a member mark only their own notifications read", async () => {
    const { org, author, member, memberMembership, api, task } = await setup();
    await api.task.comment.create({ taskId: task.id, body: "a", mentionIds: [memberMembership] });
    await api.task.comment.create({ taskId: task.id, body: "b", mentionIds: [memberMembership] });
    const { items } = await inbox(member, org.id).list({});
    const [first] = items;
    if (!first) throw new Error("no notification");
    expect(await inbox(author, org.id).markRead({ ids: [first.id] })).toEqual({ updated: 0 });
    expect(await inbox(member, org.id).markRead({ ids: [first.id] })).toEqual({ updated: 1 });
    expect(await inbox(member, org.id).list({ unreadOnly: true })).toMatchObject({
      items: [{ kind: "MENTION" }],
    });
    expect(await inbox(member, org.id).markAllRead()).toEqual({ updated: 1 });
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 0 });
  });

  it("notifyAdmins reaches owners and admins of that organization only", async () => {
    const { org, author, member } = await setup();
    const adminUser = await createUser();
    await addMembership(org.id, adminUser.id, "ADMIN");
    await withTenantTransaction(db, { userId: "", organizationId: org.id }, (tx) =>
      notifyAdmins(tx, org.id, "WEBHOOK_DISABLED", {
        endpointUrl: "https://hooks.test/x",
        reason: "410 Gone",
      }),
    );
    for (const user of [author, adminUser]) {
      expect((await inbox(user, org.id).list({})).items).toMatchObject([
        { kind: "WEBHOOK_DISABLED", data: { endpointUrl: "https://hooks.test/x" } },
      ]);
    }
    expect(await inbox(member, org.id).unreadCount()).toEqual({ count: 0 });
  });
});
