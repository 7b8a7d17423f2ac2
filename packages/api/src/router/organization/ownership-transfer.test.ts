import { describe, expect, it } from "vitest";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";

describe("ownership transfer", () => {
  it("moves ownership only when the target accepts, and audits both steps", async () => {
    const { org, user: owner } = await createTenant();
    const target = await createUser();
    const targetId = await addMembership(org.id, target.id, "MEMBER");
    const asOwner = callerAs(owner, org.id);
    const asTarget = callerAs(target, org.id);

    const proposed = await asOwner.organization.transfer.propose({ membershipId: targetId });
    expect(proposed).toMatchObject({ status: "PENDING", to: { userId: target.id } });
    expect((await asTarget.organization.transfer.current())?.id).toBe(proposed.id);
    // Nothing changes until the target accepts.
    expect((await asTarget.organization.current()).role).toBe("MEMBER");
    await expectTRPCError(asOwner.organization.transfer.accept({ id: proposed.id }), "FORBIDDEN");

    const accepted = await asTarget.organization.transfer.accept({ id: proposed.id });
    expect(accepted.status).toBe("ACCEPTED");
    expect((await asTarget.organization.current()).role).toBe("OWNER");
    expect((await asOwner.organization.current()).role).toBe("ADMIN");
    expect(await asOwner.organization.transfer.current()).toBeNull();
    await expectTRPCError(
      asTarget.organization.transfer.accept({ id: proposed.id }),
      "PRECONDITION_FAILED",
    );
    const audit = await asTarget.audit.list({ targetType: "membership" });
    expect(audit.items.map((e) => e.action).slice(0, 2)).toEqual([
      "ownership.accept",
      "ownership.propose",
    ]);
    // Both parties are told about each step.
    for (const email of [owner.email, target.email]) {
      const { rows } = await admin.query<{ subject: string }>(
        `SELECT subject FROM mail_outbox WHERE "to" = $1 ORDER BY created_at, id`,
        [email],
      );
      expect(rows.map((r) => r.subject)).toEqual([
        `${owner.name} wants to transfer ownership of Org to ${target.name}`,
        `${target.name} is now an owner of Org`,
      ]);
    }
  });

  it("can be declined by the target or cancelled by the owner, and is owner-only to propose", async () => {
    const { org, user: owner } = await createTenant();
    const target = await createUser();
    const targetId = await addMembership(org.id, target.id, "ADMIN");
    const asOwner = callerAs(owner, org.id);
    await expectTRPCError(
      callerAs(target, org.id).organization.transfer.propose({ membershipId: targetId }),
      "FORBIDDEN",
    );
    const first = await asOwner.organization.transfer.propose({ membershipId: targetId });
    await expectTRPCError(
      asOwner.organization.transfer.propose({ membershipId: targetId }),
      "CONFLICT",
    );
    expect(
      (await callerAs(target, org.id).organization.transfer.decline({ id: first.id })).status,
    ).toBe("DECLINED");
    const second = await asOwner.organization.transfer.propose({ membershipId: targetId });
    await expectTRPCError(
      callerAs(target, org.id).organization.transfer.cancel({ id: second.id }),
      "FORBIDDEN",
    );
    expect((await asOwner.organization.transfer.cancel({ id: second.id })).status).toBe(
      "CANCELLED",
    );
    expect((await callerAs(target, org.id).organization.current()).role).toBe("ADMIN");
  });
});
