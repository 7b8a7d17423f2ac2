import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import {
  addMember,
  admin,
  callerAs,
  createProjectRow,
  createTenant,
  createUser,
  setOrganizationState,
} from "../../../test/fixtures.ts";

async function expectCode(promise: Promise<unknown>, code: TRPCError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}

describe("project procedures", () => {
  it("creates, lists, gets, updates and deletes within the member's organization", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);

    const created = await api.project.create({ name: "  Apollo ", description: "Moonshot" });
    expect(created).toMatchObject({
      name: "Apollo",
      description: "Moonshot",
      organizationId: org.id,
    });
    expect(created.createdById).toBe(user.id);

    expect(await api.project.get({ id: created.id })).toEqual(created);
    const list = await api.project.list({});
    expect(list.items.map((p) => p.id)).toEqual([created.id]);
    expect(list.nextCursor).toBeNull();

    const updated = await api.project.update({ id: created.id, name: "Artemis" });
    expect(updated.name).toBe("Artemis");
    expect(updated.description).toBe("Moonshot");

    await api.project.delete({ id: created.id });
    await expectCode(api.project.get({ id: created.id }), "NOT_FOUND");
    expect((await api.project.list({})).items).toEqual([]);
    // Soft delete: the row stays, marked, and can be restored.
    const { rows } = await admin.query(
      "SELECT deleted_at IS NOT NULL AS deleted FROM projects WHERE id = $1",
      [created.id],
    );
    expect(rows).toEqual([{ deleted: true }]);
    expect((await api.project.deleted()).map((p) => p.id)).toEqual([created.id]);
    await api.project.restore({ id: created.id });
    expect((await api.project.get({ id: created.id })).name).toBe("Artemis");
  });

  it("resolves the organization by slug and by the member's default", async () => {
    const { org, user } = await createTenant();
    await createProjectRow(org.id, "By slug");
    expect((await callerAs(user, org.slug).project.list({})).items.map((p) => p.name)).toEqual([
      "By slug",
    ]);
    expect((await callerAs(user, null).project.list({})).items.map((p) => p.name)).toEqual([
      "By slug",
    ]);
  });

  it("pages with a keyset cursor, newest first, without gaps or repeats", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    await setOrganizationState(org.id, { plan: "PRO" });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await api.project.create({ name: `P${i}` })).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await api.project.list({
        limit: 3,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("hides another tenant's project: NOT_FOUND for members of B, FORBIDDEN without membership", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    const projectOfA = await createProjectRow(a.org.id, "Secret of A");

    const memberOfB = callerAs(b.user, b.org.id);
    await expectCode(memberOfB.project.get({ id: projectOfA }), "NOT_FOUND");
    await expectCode(memberOfB.project.update({ id: projectOfA, name: "pwned" }), "NOT_FOUND");
    await expectCode(memberOfB.project.delete({ id: projectOfA }), "NOT_FOUND");
    expect((await memberOfB.project.list({})).items).toEqual([]);

    // B's member naming A's organization directly is refused before any query runs.
    const memberOfBInA = callerAs(b.user, a.org.id);
    await expectCode(memberOfBInA.project.get({ id: projectOfA }), "FORBIDDEN");
    await expectCode(memberOfBInA.project.delete({ id: projectOfA }), "FORBIDDEN");

    const outsider = await createUser();
    await expectCode(callerAs(outsider, a.org.id).project.get({ id: projectOfA }), "FORBIDDEN");
    await expectCode(callerAs(outsider, a.org.slug).project.list({}), "FORBIDDEN");
    await expectCode(callerAs(outsider, null).project.list({}), "FORBIDDEN");

    const { rows } = await admin.query("SELECT name FROM projects WHERE id = $1", [projectOfA]);
    expect(rows).toEqual([{ name: "Secret of A" }]);
  });

  it("requires sign-in, an active account and an active membership", async () => {
    const { org } = await createTenant();
    await expectCode(callerAs(null, org.id).project.list({}), "UNAUTHORIZED");

    const suspended = await createUser({ status: "SUSPENDED" });
    await addMember(org.id, suspended.id, "MEMBER");
    await expectCode(callerAs(suspended, org.id).project.list({}), "UNAUTHORIZED");

    const suspendedMember = await createUser();
    await addMember(org.id, suspendedMember.id, "MEMBER", "SUSPENDED");
    await expectCode(callerAs(suspendedMember, org.id).project.list({}), "FORBIDDEN");
  });

  it("lets viewers read but not write", async () => {
    const { org } = await createTenant();
    const viewer = await createUser();
    await addMember(org.id, viewer.id, "VIEWER");
    const projectId = await createProjectRow(org.id, "Read me");
    const api = callerAs(viewer, org.id);
    expect((await api.project.get({ id: projectId })).name).toBe("Read me");
    const error = await expectCode(api.project.create({ name: "Nope" }), "FORBIDDEN");
    expect(error.message).toContain("project.create");
    await expectCode(api.project.delete({ id: projectId }), "FORBIDDEN");
  });

  it("rejects bad input with BAD_REQUEST and field errors, not a 500", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const error = await expectCode(api.project.create({ name: "x".repeat(500) }), "BAD_REQUEST");
    expect(error.cause?.message).toContain("Name must be at most 120 characters");
    await expectCode(api.project.get({ id: "not-a-uuid" }), "BAD_REQUEST");
    await expectCode(api.project.list({ limit: 1000 }), "BAD_REQUEST");
    await expectCode(
      api.project.list({ cursor: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f" }),
      "BAD_REQUEST",
    );
  });

  it("rolls back the whole tenant transaction when a procedure fails", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const before = await admin.query(
      "SELECT count(*)::int AS n FROM projects WHERE organization_id = $1",
      [org.id],
    );
    await expectCode(
      api.project.update({ id: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f", name: "x" }),
      "NOT_FOUND",
    );
    const after = await admin.query(
      "SELECT count(*)::int AS n FROM projects WHERE organization_id = $1",
      [org.id],
    );
    expect(after.rows).toEqual(before.rows);
  });
});

describe("project keys, visibility, archive and members", () => {
  it("derives a unique key from the name and refuses a duplicate explicit key", async () => {
    const { org, user } = await createTenant();
    await setOrganizationState(org.id, { plan: "PRO" });
    const api = callerAs(user, org.id);
    expect((await api.project.create({ name: "Web site" })).key).toBe("WEBSIT");
    expect((await api.project.create({ name: "Web-site" })).key).toBe("WEBSIT2");
    expect((await api.project.create({ name: "Ops", key: "ops" })).key).toBe("OPS");
    const dup = await expectCode(api.project.create({ name: "Other", key: "OPS" }), "CONFLICT");
    expect(dup.message).toContain("OPS");
    await expectCode(api.project.create({ name: "Bad", key: "1X" }), "BAD_REQUEST");
    // Keys are per organization: another tenant can use OPS.
    const other = await createTenant();
    const theirs = await callerAs(other.user, other.org.id).project.create({
      name: "Ops",
      key: "OPS",
    });
    expect(theirs.key).toBe("OPS");
  });

  it("shows members-only projects to their members and to owners/admins only", async () => {
    const { org, user: owner } = await createTenant();
    const insider = await createUser();
    const outsider = await createUser();
    await addMember(org.id, insider.id, "MEMBER");
    await addMember(org.id, outsider.id, "MEMBER");
    const insiderApi = callerAs(insider, org.id);
    const outsiderApi = callerAs(outsider, org.id);

    const secret = await insiderApi.project.create({ name: "Secret", visibility: "MEMBERS" });
    const open = await insiderApi.project.create({ name: "Open" });
    expect(open.visibility).toBe("ORGANIZATION");
    // The creator became a member, so they still see it.
    const seenByInsider = (await insiderApi.project.list({})).items.map((p) => p.name);
    expect(seenByInsider.sort()).toEqual(["Open", "Secret"]);
    expect((await outsiderApi.project.list({})).items.map((p) => p.name)).toEqual(["Open"]);
    await expectCode(outsiderApi.project.get({ id: secret.id }), "NOT_FOUND");
    await expectCode(outsiderApi.project.update({ id: secret.id, name: "x" }), "NOT_FOUND");
    await expectCode(outsiderApi.project.delete({ id: secret.id }), "NOT_FOUND");
    expect((await callerAs(owner, org.id).project.get({ id: secret.id })).name).toBe("Secret");

    const members = await insiderApi.project.member.list({ id: secret.id });
    expect(members.map((m) => m.userId)).toEqual([insider.id]);
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM memberships WHERE organization_id = $1 AND user_id = $2",
      [org.id, outsider.id],
    );
    const outsiderMembership = rows[0]?.id ?? "";
    await insiderApi.project.member.add({ id: secret.id, membershipIds: [outsiderMembership] });
    expect((await outsiderApi.project.get({ id: secret.id })).id).toBe(secret.id);
    await insiderApi.project.member.remove({ id: secret.id, membershipIds: [outsiderMembership] });
    await expectCode(outsiderApi.project.get({ id: secret.id }), "NOT_FOUND");
  });

  it("refuses project members from another organization", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const api = callerAs(a.user, a.org.id);
    const project = await api.project.create({ name: "P", visibility: "MEMBERS" });
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM memberships WHERE organization_id = $1",
      [b.org.id],
    );
    await expectCode(
      api.project.member.add({ id: project.id, membershipIds: [rows[0]?.id ?? ""] }),
      "BAD_REQUEST",
    );
  });

  it("hides archived projects from the default list and shows them on request", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const project = await api.project.create({ name: "Old" });
    expect((await api.project.archive({ id: project.id })).archivedAt).toBeInstanceOf(Date);
    expect((await api.project.list({})).items).toEqual([]);
    const all = await api.project.list({ includeArchived: true });
    expect(all.items.map((p) => p.id)).toEqual([project.id]);
    expect((await api.project.unarchive({ id: project.id })).archivedAt).toBeNull();
    const { items } = await api.audit.list({ targetId: project.id });
    expect(items.map((e) => e.action)).toEqual([
      "project.unarchive",
      "project.archive",
      "project.create",
    ]);
  });
});
