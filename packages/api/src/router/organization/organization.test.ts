import { describe, expect, it } from "vitest";

import { purgeDeletedOrganizations } from "@tenantry/core/organization/organization";
import { newId } from "@tenantry/db";

import {
  addMembership,
  admin,
  callerAs,
  createOrganization,
  createTenant,
  createUser,
  db,
  expectTRPCError,
  setOrganizationState,
} from "../../../test/fixtures.ts";

const DAY = 24 * 3600_000;

describe("organizations", () => {
  it("creates an organization whose creator is the owner, and switches between organizations", async () => {
    const { org: first, user } = await createTenant("First");
    const slug = `second-${newId().slice(-8)}`;
    const created = await callerAs(user).organization.create({ name: "  Second ", slug });
    expect(created).toMatchObject({ name: "Second", slug, plan: "FREE", status: "ACTIVE" });

    const mine = await callerAs(user).organization.mine();
    expect(mine.map((o) => [o.id, o.role])).toEqual([
      [first.id, "OWNER"],
      [created.id, "OWNER"],
    ]);
    // The organization is named per request (x-tenantry-org header) by id or slug; the default is the first.
    expect((await callerAs(user, slug).organization.current()).id).toBe(created.id);
    expect((await callerAs(user, created.id).organization.current()).id).toBe(created.id);
    expect((await callerAs(user, null).organization.current()).id).toBe(first.id);
    const audit = await callerAs(user, slug).audit.list({});
    expect(audit.items.map((e) => e.action)).toEqual(["organization.create"]);

    await expectTRPCError(
      callerAs(await createUser()).organization.create({ name: "Dup", slug }),
      "CONFLICT",
    );
    await expectTRPCError(
      callerAs(null).organization.create({ name: "X", slug: "xx" }),
      "UNAUTHORIZED",
    );
  });

  it("never picks a deleted organization as the default", async () => {
    const { org: first, user } = await createTenant("First");
    const second = await createOrganization("Second");
    await addMembership(second.id, user.id, "OWNER");
    await setOrganizationState(first.id, { status: "DELETED", deletedAt: new Date() });
    expect((await callerAs(user, null).organization.current()).id).toBe(second.id);
    // Named explicitly, the deleted one is still reachable for its restore.
    expect((await callerAs(user, first.id).organization.current()).status).toBe("DELETED");
  });

  it("refuses an organization the caller is not a member of", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const error = await expectTRPCError(
      callerAs(a.user, b.org.slug).organization.current(),
      "FORBIDDEN",
    );
    expect(error.message).toBe("You are not a member of this organization");
  });

  it("updates name, slug and settings with organization.update only", async () => {
    const { org, user: owner } = await createTenant();
    const viewer = await createUser();
    await addMembership(org.id, viewer.id, "VIEWER");
    await expectTRPCError(
      callerAs(viewer, org.id).organization.update({ name: "Nope" }),
      "FORBIDDEN",
    );
    const slug = `renamed-${newId().slice(-8)}`;
    const updated = await callerAs(owner, org.id).organization.update({ name: "Renamed", slug });
    expect(updated).toMatchObject({ name: "Renamed", slug });
    const other = await createTenant();
    await expectTRPCError(
      callerAs(other.user, other.org.id).organization.update({ slug }),
      "CONFLICT",
    );
    const audit = await callerAs(owner, slug).audit.list({ targetType: "organization" });
    expect(audit.items[0]?.metadata).toMatchObject({
      changes: { name: { to: "Renamed" }, slug: { from: org.slug, to: slug } },
    });
  });

  it("makes a suspended organization read-only: reads work, every mutation is refused", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const invited = await api.invitation.create({ email: "s@example.test", role: "MEMBER" });
    await setOrganizationState(org.id, { status: "SUSPENDED" });

    expect((await api.organization.current()).status).toBe("SUSPENDED");
    expect((await api.member.list({})).items).toHaveLength(1);
    expect(await api.project.list({})).toMatchObject({ items: [] });
    expect(await api.invitation.list()).toHaveLength(1);

    const refused = [
      () => api.organization.update({ name: "X" }),
      () => api.project.create({ name: "P" }),
      () => api.invitation.revoke({ id: invited.invitation.id }),
      () => api.role.create({ name: "R", permissions: [] }),
      () => api.member.leave(),
    ];
    for (const call of refused) {
      const error = await expectTRPCError(call(), "FORBIDDEN");
      expect(error.message).toBe("This organization is suspended and read-only");
    }
    const { rows } = await admin.query("SELECT name, status FROM organizations WHERE id = $1", [
      org.id,
    ]);
    expect(rows).toEqual([{ name: "Org", status: "SUSPENDED" }]);
  });

  it("archives read-only and unarchives, by owners only", async () => {
    const { org, user: owner } = await createTenant();
    const adminUser = await createUser();
    await addMembership(org.id, adminUser.id, "ADMIN");
    await expectTRPCError(callerAs(adminUser, org.id).organization.archive(), "FORBIDDEN");
    const api = callerAs(owner, org.id);
    expect((await api.organization.archive()).status).toBe("ARCHIVED");
    const error = await expectTRPCError(api.organization.update({ name: "X" }), "FORBIDDEN");
    expect(error.message).toBe(
      "This organization is archived and read-only; an owner can unarchive it",
    );
    expect((await api.member.list({})).items).toHaveLength(2);
    expect((await api.organization.unarchive()).status).toBe("ACTIVE");
    expect((await api.organization.update({ name: "Back" })).name).toBe("Back");
  });

  it("soft-deletes with confirmation, blocks everything but restore, and restores within 30 days", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    await expectTRPCError(api.organization.delete({ confirmSlug: "wrong" }), "BAD_REQUEST");
    expect((await api.organization.delete({ confirmSlug: org.slug })).status).toBe("DELETED");

    const current = await api.organization.current();
    expect(current.status).toBe("DELETED");
    expect(current.restorableUntil?.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    await expectTRPCError(api.member.list({}), "FORBIDDEN");
    await expectTRPCError(api.project.list({}), "FORBIDDEN");

    expect((await api.organization.restore()).status).toBe("ACTIVE");
    expect((await api.member.list({})).items).toHaveLength(1);
    const audit = await api.audit.list({ targetType: "organization" });
    expect(audit.items.map((e) => e.action)).toEqual([
      "organization.restore",
      "organization.delete",
    ]);

    await setOrganizationState(org.id, {
      status: "DELETED",
      deletedAt: new Date(Date.now() - 31 * DAY),
    });
    const late = await expectTRPCError(api.organization.restore(), "PRECONDITION_FAILED");
    expect(late.message).toContain("more than 30 days ago");
  });

  it("does not let an owner lift a suspension", async () => {
    const { org, user: owner } = await createTenant();
    await setOrganizationState(org.id, { status: "SUSPENDED" });
    const api = callerAs(owner, org.id);
    for (const call of [
      () => api.organization.restore(),
      () => api.organization.unarchive(),
      () => api.organization.archive(),
      () => api.organization.delete({ confirmSlug: org.slug }),
    ]) {
      const error = await expectTRPCError(call(), "PRECONDITION_FAILED");
      expect(error.message).toBe("This organization is suspended; contact support to reinstate it");
    }
  });

  it("purges organizations deleted more than 30 days ago, with all their rows", async () => {
    const old = await createTenant();
    const recent = await createTenant();
    const active = await createTenant();
    await callerAs(old.user, old.org.id).role.create({ name: "R", permissions: [] });
    await callerAs(old.user, old.org.id).invitation.create({
      email: "p@example.test",
      role: "MEMBER",
    });
    await setOrganizationState(old.org.id, {
      status: "DELETED",
      deletedAt: new Date(Date.now() - 31 * DAY),
    });
    await setOrganizationState(recent.org.id, {
      status: "DELETED",
      deletedAt: new Date(Date.now() - 10 * DAY),
    });

    const { purged } = await purgeDeletedOrganizations(db);
    expect(purged).toContain(old.org.id);
    expect(purged).not.toContain(recent.org.id);
    expect(purged).not.toContain(active.org.id);
    for (const table of ["organizations", "memberships", "roles", "invitations", "audit_logs"]) {
      const column = table === "organizations" ? "id" : "organization_id";
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = ANY($1)`,
        [[old.org.id]],
      );
      expect(rows[0]?.n, table).toBe(0);
    }
    const { rows } = await admin.query(
      "SELECT id FROM organizations WHERE id = ANY($1) ORDER BY id",
      [[recent.org.id, active.org.id]],
    );
    expect(rows).toHaveLength(2);
    expect((await admin.query("SELECT 1 FROM users WHERE id = $1", [old.user.id])).rowCount).toBe(
      1,
    );
  });
});

describe("plan limits", () => {
  it("refuses a project beyond the plan's limit with a message naming the plan", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    for (let i = 0; i < 3; i++) {
      await admin.query(
        `INSERT INTO projects (id, organization_id, name, key, updated_at) VALUES ($1, $2, $3, $4, now())`,
        [newId(), org.id, `P${i}`, `P${i}`],
      );
    }
    const error = await expectTRPCError(
      api.project.create({ name: "Fourth" }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe(
      "The FREE plan allows 3 projects; upgrade the plan or free one up first",
    );
    expect((await api.plan.usage()).usage.projects).toBe(3);
  });
});
