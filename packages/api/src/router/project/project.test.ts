import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import {
  addMember,
  admin,
  callerAs,
  createProjectRow,
  createTenant,
  createUser,
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
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM projects WHERE id = $1", [
      created.id,
    ]);
    expect(rows[0]).toEqual({ n: 0 });
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
