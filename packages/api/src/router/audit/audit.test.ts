import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import {
  addMember,
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
} from "../../../test/fixtures.ts";

describe("audit trail", () => {
  it("records who created, changed and deleted a project, with what changed", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const project = await api.project.create({ name: "Ledger", description: "v1" });
    await api.project.update({ id: project.id, description: "v2" });
    await api.project.delete({ id: project.id });

    const { items } = await api.audit.list({ targetType: "project", targetId: project.id });
    expect(items.map((e) => e.action)).toEqual([
      "project.delete",
      "project.update",
      "project.create",
    ]);
    expect(items.every((e) => e.actor?.id === user.id)).toBe(true);
    expect(items[1]?.metadata).toEqual({ changes: { description: { from: "v1", to: "v2" } } });
    expect(items[2]?.metadata).toEqual({ name: "Ledger", key: "LEDGER" });
  });

  it("writes nothing when the mutation fails", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    await expect(
      api.project.delete({ id: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f" }),
    ).rejects.toThrow(TRPCError);
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1",
      [org.id],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("is readable by owners and admins only, and only for their own organization", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    await callerAs(a.user, a.org.id).project.create({ name: "A's" });

    const adminOfA = await createUser();
    await addMember(a.org.id, adminOfA.id, "ADMIN");
    expect((await callerAs(adminOfA, a.org.id).audit.list({})).items).toHaveLength(1);

    const memberOfA = await createUser();
    await addMember(a.org.id, memberOfA.id, "MEMBER");
    await expect(callerAs(memberOfA, a.org.id).audit.list({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    expect((await callerAs(b.user, b.org.id).audit.list({})).items).toEqual([]);
  });

  it("is append-only for the application role", async () => {
    const { org, user } = await createTenant();
    await callerAs(user, org.id).project.create({ name: "Immutable" });
    const attempt = (sql: string) =>
      withTenantTransaction(db, { userId: user.id, organizationId: org.id, role: "OWNER" }, (tx) =>
        tx.$executeRawUnsafe(sql),
      );
    await expect(attempt("UPDATE audit_logs SET action = 'forged'")).rejects.toThrow(
      /permission denied/,
    );
    await expect(attempt("DELETE FROM audit_logs")).rejects.toThrow(/permission denied/);
    const { rows } = await admin.query("SELECT action FROM audit_logs WHERE organization_id = $1", [
      org.id,
    ]);
    expect(rows).toEqual([{ action: "project.create" }]);
  });

  it("records a task's before/after, filters by actor, action and date, and verifies the chain", async () => {
    const { org, user } = await createTenant();
    const api = callerAs(user, org.id);
    const project = await api.project.create({ name: "Chain" });
    const task = await api.task.create({ projectId: project.id, title: "First" });
    await api.task.update({ id: task.id, status: "DONE", title: "Second" });

    const updates = await api.audit.list({ action: "task.update" });
    expect(updates.items).toHaveLength(1);
    expect(updates.items[0]).toMatchObject({
      actorKind: `user:${user.id}`,
      targetId: task.id,
      metadata: { reference: task.reference },
      changes: {
        status: { before: "TODO", after: "DONE" },
        title: { before: "First", after: "Second" },
      },
    });
    expect((await api.audit.list({ action: "task." })).items.map((e) => e.action)).toEqual([
      "task.update",
      "task.create",
    ]);
    const other = await createUser();
    expect((await api.audit.list({ actorUserId: other.id })).items).toEqual([]);
    expect((await api.audit.list({ to: new Date("2000-01-01") })).items).toEqual([]);
    expect((await api.audit.list({ from: new Date("2000-01-01") })).items).toHaveLength(3);

    expect(await api.audit.verify()).toMatchObject({ ok: true, checked: 3, firstBroken: null });
    const member = await createUser();
    await addMember(org.id, member.id, "MEMBER");
    await expect(callerAs(member, org.id).audit.verify()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
