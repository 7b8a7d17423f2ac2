import { describe, expect, it } from "vitest";

import type { OrganizationAccess } from "./can";
import { can } from "./can";

const member = (over: Partial<OrganizationAccess> = {}): OrganizationAccess => ({
  permissions: ["organization.read", "project.read", "project.create", "organization.delete"],
  status: "ACTIVE",
  licenseLapsed: false,
  role: "MEMBER",
  customRole: null,
  ...over,
});

const usage = (projects: number, maxProjects: number | null, overridden: string[] = []) => ({
  plan: "FREE" as const,
  overridden,
  limits: {
    maxMembers: 5,
    maxProjects,
    apiRequestsPerMonth: null,
    rateLimitPerMinute: 60,
    auditRetentionDays: 30,
    maxWebhookEndpoints: null,
    maxApiKeys: 3,
    assistantTokensPerMonth: null,
  },
  usage: {
    members: 1,
    pendingInvitations: 0,
    projects,
    apiKeys: 3,
    webhookEndpoints: 4,
    apiRequestsThisMonth: null,
  },
});

describe("can", () => {
  it("allows what the role grants in an active organization", () => {
    expect(can(member(), "project.create")).toEqual({ allowed: true, reason: null });
  });

  it("names the missing permission and the role (custom role name first)", () => {
    const result = can(member({ customRole: { id: "r", name: "Viewer only" } }), "task.create");
    expect(result.allowed).toBe(false);
    expect(result.reason).toEqual({
      kind: "permission",
      permission: "task.create",
      message: "Your role (Viewer only) does not include the “task.create” permission.",
    });
  });

  it("refuses changes but not reads in archived, suspended or license-lapsed organizations", () => {
    for (const access of [
      member({ status: "ARCHIVED" }),
      member({ status: "SUSPENDED" }),
      member({ licenseLapsed: true }),
    ]) {
      expect(can(access, "project.create").reason?.kind).toBe("read-only");
      expect(can(access, "project.read").allowed).toBe(true);
    }
    expect(can(member({ status: "ARCHIVED" }), "project.create").reason?.message).toBe(
      "This organization is archived and read-only.",
    );
  });

  it("lets lifecycle actions through a read-only organization", () => {
    const archived = member({ status: "ARCHIVED" });
    expect(can(archived, "organization.delete", { lifecycle: true }).allowed).toBe(true);
    expect(can(archived, "organization.delete").allowed).toBe(false);
  });

  it("stops at a reached plan limit only when the usage is known", () => {
    expect(
      can(member(), "project.create", { limit: "projects", usage: usage(3, 3) }).reason,
    ).toEqual({
      kind: "plan-limit",
      limit: "projects",
      message: "The FREE plan allows 3 projects; delete one or upgrade the plan.",
    });
    expect(can(member(), "project.create", { limit: "projects", usage: usage(2, 3) }).allowed).toBe(
      true,
    );
    expect(
      can(member(), "project.create", { limit: "projects", usage: usage(9, null) }).allowed,
    ).toBe(true);
    expect(can(member(), "project.create", { limit: "projects", usage: null }).allowed).toBe(true);
  });

  it("names the organization's own limit when an admin overrode it, and gates API keys and webhooks", () => {
    expect(
      can(member(), "project.create", { limit: "projects", usage: usage(1, 1, ["maxProjects"]) })
        .reason?.message,
    ).toBe("This organization's limit allows 1 projects; delete one or upgrade the plan.");
    expect(
      can(member(), "project.create", { limit: "apiKeys", usage: usage(0, 3) }).reason?.message,
    ).toBe("The FREE plan allows 3 active API keys; revoke one or upgrade the plan.");
    // Unlimited webhook endpoints: never reached.
    expect(
      can(member(), "project.create", { limit: "webhookEndpoints", usage: usage(0, 3) }).allowed,
    ).toBe(true);
  });
});
