// The steps orgProcedure is composed of, each on its own against the real database (RLS-bound app connection).
import { describe, expect, it } from "vitest";

import type { TenantDb } from "@tenantry/db";
import { isDomainError } from "@tenantry/core";
import { newId, setTenant, withTenantTransaction } from "@tenantry/db";

import type { OrgContext } from "./org-steps.ts";
import {
  addMember,
  addMembership,
  admin,
  createOrganization,
  createTenant,
  createUser,
  db,
  setOrganizationState,
} from "../../test/fixtures.ts";
import {
  gateLicense,
  gateOrganizationStatus,
  loadPermissions,
  resolveMembership,
} from "./org-steps.ts";

const asUser = <T>(userId: string, fn: (tx: TenantDb) => Promise<T>) =>
  withTenantTransaction(db, { userId }, fn);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

const orgOf = (status: OrgContext["status"]): OrgContext => ({
  id: newId(),
  slug: "s",
  name: "N",
  plan: "FREE",
  status,
});

describe("resolveMembership", () => {
  it("finds the named organization by id or slug, and the oldest one when none is named", async () => {
    const { org, user } = await createTenant("First");
    const second = await createOrganization("Second");
    await addMember(second.id, user.id, "MEMBER");
    const request = { userId: user.id, activeOrganizationId: null };

    const byId = await asUser(user.id, (tx) =>
      resolveMembership(tx, { ...request, requested: second.id }),
    );
    expect(byId.organization.id).toBe(second.id);
    expect(byId.role).toBe("MEMBER");
    const bySlug = await asUser(user.id, (tx) =>
      resolveMembership(tx, { ...request, requested: second.slug }),
    );
    expect(bySlug.organization.id).toBe(second.id);
    const fallback = await asUser(user.id, (tx) =>
      resolveMembership(tx, { ...request, requested: null }),
    );
    expect(fallback.organization.id).toBe(org.id);
    expect(fallback.role).toBe("OWNER");
    const active = await asUser(user.id, (tx) =>
      resolveMembership(tx, { ...request, activeOrganizationId: second.id, requested: null }),
    );
    expect(active.organization.id).toBe(second.id);
  });

  it("refuses an organization the user is not a member of, as FORBIDDEN", async () => {
    const { org } = await createTenant("Theirs");
    const stranger = await createUser();
    const refused = await failure(
      asUser(stranger.id, (tx) =>
        resolveMembership(tx, {
          userId: stranger.id,
          requested: org.id,
          activeOrganizationId: null,
        }),
      ),
    );
    expect(isDomainError(refused, "forbidden")).toBe(true);
    expect((refused as Error).message).toBe("You are not a member of this organization");
  });

  it("skips a deleted organization by default but reaches it when named", async () => {
    const { org, user } = await createTenant("Gone");
    await setOrganizationState(org.id, { status: "DELETED", deletedAt: new Date() });
    const request = { userId: user.id, activeOrganizationId: null };
    const refused = await failure(
      asUser(user.id, (tx) => resolveMembership(tx, { ...request, requested: null })),
    );
    expect((refused as Error).message).toBe("You are not a member of any organization");
    const named = await asUser(user.id, (tx) =>
      resolveMembership(tx, { ...request, requested: org.id }),
    );
    expect(named.organization.status).toBe("DELETED");
  });
});

describe("gateOrganizationStatus", () => {
  const mutation = { type: "mutation", organizationLifecycle: false } as const;
  const query = { type: "query", organizationLifecycle: false } as const;

  it("lets an active organization do anything", () => {
    expect(() => gateOrganizationStatus(orgOf("ACTIVE"), mutation)).not.toThrow();
  });

  it("makes suspended and archived organizations read-only and closes deleted ones", () => {
    expect(() => gateOrganizationStatus(orgOf("ARCHIVED"), query)).not.toThrow();
    expect(() => gateOrganizationStatus(orgOf("ARCHIVED"), mutation)).toThrow(/archived/);
    expect(() => gateOrganizationStatus(orgOf("SUSPENDED"), mutation)).toThrow(/suspended/);
    expect(() => gateOrganizationStatus(orgOf("DELETED"), query)).toThrow(/deleted/);
  });

  it("lets lifecycle procedures through whatever the status", () => {
    const lifecycle = { type: "mutation", organizationLifecycle: true } as const;
    expect(() => gateOrganizationStatus(orgOf("DELETED"), lifecycle)).not.toThrow();
  });
});

describe("gateLicense and loadPermissions", () => {
  it("refuses mutations once every license has lapsed, and lets queries through", async () => {
    const { org, user } = await createTenant("Lapsed");
    await admin.query(
      `INSERT INTO licenses (id, organization_id, type, seats, status, expires_at, updated_at)
       VALUES ($1, $2, 'STANDARD', 5, 'ACTIVE', now() - interval '1 day', now())`,
      [newId(), org.id],
    );
    const context: OrgContext = { ...orgOf("ACTIVE"), id: org.id };
    const refused = await failure(
      asUser(user.id, async (tx) => {
        await setTenant(tx, { organizationId: org.id, role: "OWNER" });
        await gateLicense(tx, context, { type: "query", organizationLifecycle: false });
        await gateLicense(tx, context, { type: "mutation", organizationLifecycle: false });
      }),
    );
    expect(isDomainError(refused, "forbidden")).toBe(true);
    expect((refused as Error).message).toMatch(/license has expired/);
  });

  it("gives a built-in role its permissions and fails closed on a custom role it cannot load", async () => {
    const { org, user } = await createTenant("Roles");
    const context: OrgContext = { ...orgOf("ACTIVE"), id: org.id };
    const other = await createUser();
    const membershipId = await addMembership(org.id, other.id, "MEMBER");
    const viewer = await asUser(other.id, async (tx) => {
      await setTenant(tx, { organizationId: org.id, role: "MEMBER" });
      return loadPermissions(tx, context, {
        id: membershipId,
        role: "MEMBER",
        customRoleId: null,
        organization: context,
      });
    });
    expect(viewer.customRole).toBeNull();
    expect(viewer.permissions.has("project.create")).toBe(true);
    expect(viewer.permissions.has("organization.delete")).toBe(false);

    const refused = await failure(
      asUser(user.id, async (tx) => {
        await setTenant(tx, { organizationId: org.id, role: "OWNER" });
        return loadPermissions(tx, context, {
          id: membershipId,
          role: "MEMBER",
          customRoleId: newId(),
          organization: context,
        });
      }),
    );
    expect((refused as Error).message).toBe("Your role no longer exists");
  });
});

describe("resolveMembership with bindTenant", () => {
  const settings = (tx: TenantDb) =>
    tx.$queryRaw<{ org: string; role: string }[]>`
      SELECT current_setting('app.org_id', true) AS org, current_setting('app.role', true) AS role`;

  it("sets the tenant of the membership it found, and nothing when it finds none", async () => {
    const { user } = await createTenant("Bound first");
    const second = await createOrganization("Bound second");
    await addMember(second.id, user.id, "VIEWER");
    const request = { userId: user.id, activeOrganizationId: null };
    const bound = await asUser(user.id, async (tx) => {
      await resolveMembership(tx, { ...request, requested: second.slug }, { bindTenant: true });
      return settings(tx);
    });
    expect(bound).toEqual([{ org: second.id, role: "VIEWER" }]);

    const foreign = await createOrganization("Bound foreign");
    const unbound = await asUser(user.id, async (tx) => {
      const refused = await failure(
        resolveMembership(tx, { ...request, requested: foreign.id }, { bindTenant: true }),
      );
      expect(isDomainError(refused, "forbidden")).toBe(true);
      return settings(tx);
    });
    expect(unbound[0]?.org ?? "").toBe("");
    expect(unbound[0]?.role ?? "").toBe("");
  });

  it("binds the session's active organization over the oldest one when none is named", async () => {
    const { org, user } = await createTenant("Bound oldest");
    const second = await createOrganization("Bound active");
    await addMember(second.id, user.id, "MEMBER");
    const bound = await asUser(user.id, async (tx) => {
      const found = await resolveMembership(
        tx,
        { userId: user.id, requested: null, activeOrganizationId: second.id },
        { bindTenant: true },
      );
      expect(found.organization.id).toBe(second.id);
      return settings(tx);
    });
    expect(bound).toEqual([{ org: second.id, role: "MEMBER" }]);
    const oldest = await asUser(user.id, async (tx) => {
      await resolveMembership(
        tx,
        { userId: user.id, requested: null, activeOrganizationId: null },
        { bindTenant: true },
      );
      return settings(tx);
    });
    expect(oldest).toEqual([{ org: org.id, role: "OWNER" }]);
  });
});
