// Guards the authorization design: every procedure that touches tenant data declares the permission it needs.
import { describe, expect, it } from "vitest";

import { PERMISSIONS } from "@tenantry/validators";

import type { Meta } from "./trpc.ts";
import { appRouter } from "./root.ts";

/** Procedures that deliberately run without an organization (they act on the caller's own data only). */
const ORGANIZATION_FREE = new Set([
  "organization.mine",
  "organization.create",
  // Accepting happens before a membership exists; the invitation token is the capability.
  "invitation.preview",
  "invitation.accept",
  // The caller's own invitations (to their verified email), from organizations they are not a member of yet.
  "invitation.mine",
  "invitation.acceptMine",
  "invitation.declineMine",
  // Identity: public flows, the caller's own account and sessions, and platform-admin (not tenant) procedures.
  "auth.signUp",
  "auth.verifyEmail",
  "auth.resendVerification",
  "auth.requestPasswordReset",
  "auth.resetPassword",
  "account.me",
  "account.updateProfile",
  "account.changePassword",
  "account.requestEmailChange",
  "account.delete",
  "session.list",
  "session.revoke",
  "session.revokeOthers",
  // Notification preferences are account-wide settings of the caller.
  "notification.preferences",
  "notification.setPreference",
  // Organization-scoped, but any member reads and marks only their own notifications (the service filters by the
  // caller's user id): there is no permission to hold beyond membership.
  "notification.list",
  "notification.unreadCount",
  "notification.markRead",
  "notification.markAllRead",
]);

describe("procedure registry", () => {
  // _def.procedures is the flat "path -> procedure" map tRPC builds for routing.
  const procedures = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>,
  );

  it("has procedures", () => {
    expect(procedures.length).toBeGreaterThan(5);
  });

  it.each(procedures.map(([path, p]) => [path, p] as const))(
    "%s declares a known permission",
    (path, procedure) => {
      if (path.startsWith("admin.") || path.startsWith("auth.admin.")) {
        // The platform-admin console is built only from platformAdminProcedure (role check + audited actions).
        expect(procedure._def.meta?.platformAdmin, `${path} must use platformAdminProcedure`).toBe(
          true,
        );
        return;
      }
      if (ORGANIZATION_FREE.has(path)) return;
      const permission = procedure._def.meta?.permission;
      expect(permission, `${path} must be built with permissionProcedure(...)`).toBeDefined();
      expect(PERMISSIONS).toContain(permission);
    },
  );

  // The response schema is the guarantee that nothing undeclared (a hash, a secret, a tenant's id) leaves the
  // server; a streamed procedure declares the schema of each event it yields (zAsyncIterable, chat.send/resume).
  it("every procedure declares .output()", () => {
    const outputs = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { output?: unknown } }
    >;
    expect(
      Object.entries(outputs)
        .filter(([, p]) => p._def.output === undefined)
        .map(([path]) => path),
    ).toEqual([]);
  });
});
