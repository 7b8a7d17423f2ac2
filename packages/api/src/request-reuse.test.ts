// What the per-request shortcuts of the hot path may reuse, and for how long: a page render's shared
// authentication (one session check per render) and the organization an API client's call is metered against.
import { describe, expect, it } from "vitest";

import { revokeSession, startTokenSession } from "@tenantry/auth";

import { addMember, admin, createTenant, db, expectTRPCError } from "../test/fixtures.ts";
import { createPasswordUser, testClient } from "../test/identity-fixtures.ts";
import { createCaller, createInnerTRPCContext } from "./index.ts";
import { quotaOrganization } from "./middleware/quota-organization.ts";

describe("shared authentication of a page render", () => {
  it("checks the session once per context: a revoked session fails from the next context on", async () => {
    const { org } = await createTenant("Render");
    const user = await createPasswordUser();
    await addMember(org.id, user.id, "MEMBER");
    const { sessionId } = await startTokenSession(db, user.id, testClient());
    const context = (shareAuthentication: boolean) =>
      createInnerTRPCContext({
        db,
        session: { user, sessionId },
        organization: org.id,
        shareAuthentication,
      });
    const render = createCaller(context(true));
    const plain = createCaller(context(false));
    expect((await render.organization.current()).id).toBe(org.id);
    expect((await plain.organization.current()).id).toBe(org.id);

    expect(await revokeSession(db, user.id, sessionId, "user")).toBe(true);
    // The render that already checked the session finishes; everything after it is refused.
    expect((await render.organization.current()).id).toBe(org.id);
    await expectTRPCError(plain.organization.current(), "UNAUTHORIZED");
    await expectTRPCError(createCaller(context(true)).organization.current(), "UNAUTHORIZED");
  });
});

describe("the metered organization", () => {
  it("is remembered per caller and what they named, and never stands in for the membership", async () => {
    const first = await createTenant("Metered first");
    const second = await createTenant("Metered second");
    const member = await createPasswordUser();
    await addMember(first.org.id, member.id, "MEMBER");
    const request = (userId: string, requested: string | null) => ({
      userId,
      requested,
      activeOrganizationId: null,
    });
    expect((await quotaOrganization(db, request(member.id, first.org.slug))).organization.id).toBe(
      first.org.id,
    );
    expect((await quotaOrganization(db, request(second.user.id, null))).organization.id).toBe(
      second.org.id,
    );
    // Another caller naming the same organization is looked up for themselves: not a member, refused.
    await expect(quotaOrganization(db, request(second.user.id, first.org.slug))).rejects.toThrow(
      "You are not a member of this organization",
    );

    // Removed from the organization: the meter may still hold the entry, but the call itself is refused.
    const { tokens } = await startTokenSession(db, member.id, testClient());
    const bearer = createCaller(
      createInnerTRPCContext({
        db,
        session: null,
        bearerToken: tokens.accessToken,
        organization: first.org.slug,
      }),
    );
    expect((await bearer.organization.current()).id).toBe(first.org.id);
    await admin.query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2", [
      first.org.id,
      member.id,
    ]);
    expect((await quotaOrganization(db, request(member.id, first.org.slug))).organization.id).toBe(
      first.org.id,
    );
    await expectTRPCError(bearer.organization.current(), "FORBIDDEN");
  });
});
