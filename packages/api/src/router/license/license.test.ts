import { describe, expect, it } from "vitest";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
  makePlatformAdmin,
} from "../../../test/fixtures.ts";

describe("licenses", () => {
  it("assigns seats up to the license's size, one per member", async () => {
    const { org, user: owner } = await createTenant();
    const pa = await makePlatformAdmin(await createUser());
    const license = await callerAs(pa).admin.licenses.issue({
      organizationId: org.id,
      type: "STANDARD",
      seats: 1,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const api = callerAs(owner, org.id);
    const ownerId = (await api.organization.current()).membershipId;
    const other = await createUser();
    const otherId = await addMembership(org.id, other.id, "MEMBER");

    const assigned = await api.license.assignSeat({ licenseId: license.id, membershipId: ownerId });
    expect(assigned).toMatchObject({ usedSeats: 1, holders: [{ userId: owner.id }] });
    const full = await expectTRPCError(
      api.license.assignSeat({ licenseId: license.id, membershipId: otherId }),
      "PRECONDITION_FAILED",
    );
    expect(full.message).toBe(
      "This license is full (1 of 1 seats assigned): take a seat back first",
    );
    await expectTRPCError(
      callerAs(other, org.id).license.unassignSeat({ membershipId: ownerId }),
      "FORBIDDEN",
    );
    await api.license.unassignSeat({ membershipId: ownerId });
    await api.license.assignSeat({ licenseId: license.id, membershipId: otherId });
    const overview = await callerAs(other, org.id).license.list();
    expect(overview).toMatchObject({
      lapsed: false,
      licenses: [{ usedSeats: 1, effectiveStatus: "ACTIVE" }],
    });
  });

  it("makes the organization read-only (not emptied) when its only license expires", async () => {
    const { org, user: owner } = await createTenant();
    const pa = await makePlatformAdmin(await createUser());
    const license = await callerAs(pa).admin.licenses.issue({
      organizationId: org.id,
      type: "STANDARD",
      seats: 5,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const api = callerAs(owner, org.id);
    await api.team.create({ name: "Before" });
    await admin.query(
      "UPDATE licenses SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [license.id],
    );

    expect((await api.organization.current()).licenseLapsed).toBe(true);
    expect((await api.team.list()).map((t) => t.name)).toEqual(["Before"]);
    const error = await expectTRPCError(api.team.create({ name: "After" }), "FORBIDDEN");
    expect(error.message).toBe(
      "This organization's license has expired; it is read-only until the license is renewed",
    );
    expect((await api.license.list()).licenses[0]?.effectiveStatus).toBe("EXPIRED");

    // A new active license lifts it; so would reactivating this one.
    await callerAs(pa).admin.licenses.issue({
      organizationId: org.id,
      type: "STANDARD",
      seats: 5,
      expiresAt: null,
    });
    expect((await api.team.create({ name: "After" })).name).toBe("After");
    await callerAs(pa).admin.licenses.setStatus({
      organizationId: org.id,
      id: license.id,
      status: "REVOKED",
      reason: "Replaced by the perpetual license",
    });
    const audit = await api.audit.list({ targetType: "license" });
    expect(audit.items.map((e) => e.action)).toEqual([
      "license.set_status",
      "license.issue",
      "license.issue",
    ]);
  });
});
