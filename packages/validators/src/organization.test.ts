import { describe, expect, it } from "vitest";

import { ZCreateInvitationInput, ZInvitationToken } from "./invitation.ts";
import { ZUpdateMemberRoleInput } from "./member.ts";
import { ZUpdateOrganizationInput } from "./organization.ts";

const ID = "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f";

describe("organization schemas", () => {
  it("takes either a built-in or a custom role, never both or neither", () => {
    expect(ZUpdateMemberRoleInput.parse({ membershipId: ID, role: "ADMIN" })).toEqual({
      membershipId: ID,
      role: "ADMIN",
    });
    expect(ZUpdateMemberRoleInput.safeParse({ membershipId: ID }).success).toBe(false);
    expect(
      ZUpdateMemberRoleInput.safeParse({ membershipId: ID, role: "ADMIN", customRoleId: ID })
        .success,
    ).toBe(false);
  });

  it("lower-cases invitation emails and allowed domains", () => {
    expect(ZCreateInvitationInput.parse({ email: " Ann@Example.COM ", role: "VIEWER" })).toEqual({
      email: "ann@example.com",
      role: "VIEWER",
    });
    expect(
      ZUpdateOrganizationInput.parse({ allowedEmailDomains: ["Acme.COM"] }).allowedEmailDomains,
    ).toEqual(["acme.com"]);
    expect(
      ZUpdateOrganizationInput.safeParse({ allowedEmailDomains: ["not a domain"] }).success,
    ).toBe(false);
    expect(ZUpdateOrganizationInput.safeParse({}).success).toBe(false);
  });

  it("accepts only well-formed invitation tokens", () => {
    const secret = "A".repeat(43);
    expect(ZInvitationToken.safeParse(`${ID}.${ID}.${secret}`).success).toBe(true);
    expect(ZInvitationToken.safeParse(`${ID}.${ID}.${secret}x`).success).toBe(false);
    expect(ZInvitationToken.safeParse(`${ID}.${secret}`).success).toBe(false);
  });
});
