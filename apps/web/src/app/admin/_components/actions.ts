"use server";

// Server actions of the platform-admin console. Each one calls an admin.* or auth.admin.* procedure (platform role
// checked, reason required where it matters, platform audit entry written in the same transaction) and returns to the
// page it came from, with the error message when the call was refused.
import { TRPCError } from "@trpc/server";

import { ZUserStatus } from "@tenantry/validators";

import { callerFor } from "~/trpc/server";
import { field, run } from "./action-helpers";

export async function organizationAction(formData: FormData) {
  const id = field(formData, "id");
  const reason = field(formData, "reason");
  const action = field(formData, "action");
  await run(formData, "The action failed", async () => {
    const caller = await callerFor(null);
    if (action === "suspend") await caller.admin.organizations.suspend({ id, reason });
    else if (action === "reinstate") await caller.admin.organizations.reinstate({ id, reason });
    else await caller.admin.organizations.restore({ id, reason });
  });
}

export async function userStatusAction(formData: FormData) {
  const id = field(formData, "id");
  const reason = field(formData, "reason");
  const status = ZUserStatus.safeParse(field(formData, "status"));
  await run(formData, "The action failed", async () => {
    if (!status.success) throw new TRPCError({ code: "BAD_REQUEST", message: "Unknown status" });
    return (await callerFor(null)).admin.users.setStatus({ id, status: status.data, reason });
  });
}

export async function unlockAction(formData: FormData) {
  const userId = field(formData, "id");
  await run(formData, "The user could not be unlocked", async () =>
    (await callerFor(null)).auth.admin.unlock({ userId }),
  );
}

export async function revokeSessionsAction(formData: FormData) {
  const userId = field(formData, "id");
  const reason = field(formData, "reason").trim();
  await run(formData, "The sessions could not be revoked", async () =>
    (await callerFor(null)).auth.admin.revokeSessions({
      userId,
      ...(reason ? { reason } : {}),
    }),
  );
}

export async function platformRoleAction(formData: FormData) {
  const id = field(formData, "id");
  const reason = field(formData, "reason");
  const platformRole = field(formData, "platformRole") === "ADMIN" ? "ADMIN" : "USER";
  await run(formData, "The platform role could not be changed", async () =>
    (await callerFor(null)).admin.users.setPlatformRole({ id, platformRole, reason }),
  );
}

export async function issueLicenseAction(formData: FormData) {
  const organizationId = field(formData, "organizationId");
  const type = field(formData, "type");
  const seats = Number(field(formData, "seats"));
  const expiry = field(formData, "expiresAt");
  // A date input gives YYYY-MM-DD: the license runs to the end of that day (UTC).
  const expiresAt = expiry ? new Date(`${expiry}T23:59:59.999Z`) : null;
  await run(formData, "The license could not be issued", async () =>
    (await callerFor(null)).admin.licenses.issue({
      organizationId,
      type,
      seats,
      expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null,
    }),
  );
}

const LICENSE_STATUSES = ["ACTIVE", "SUSPENDED", "REVOKED", "EXPIRED"] as const;

export async function licenseStatusAction(formData: FormData) {
  const organizationId = field(formData, "organizationId");
  const id = field(formData, "id");
  const reason = field(formData, "reason");
  const requested = field(formData, "status");
  const status = LICENSE_STATUSES.find((s) => s === requested);
  await run(formData, "The license status could not be changed", async () => {
    if (!status) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a status" });
    await (await callerFor(null)).admin.licenses.setStatus({ organizationId, id, status, reason });
  });
}
