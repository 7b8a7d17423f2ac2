// Platform-admin console: an organization's licenses, issued and changed as a platform admin (audited twice).
import type { LicenseStatus, TenantDb } from "@tenantry/db";
import type { TIssueLicenseInput, TLicenseOutput } from "@tenantry/validators";

import type { PlatformAdmin } from "./organizations.ts";
import { recordPlatformAudit } from "../audit/platform-audit.ts";
import { issueLicense, listLicenses, setLicenseStatus } from "../organization/license.ts";
import { asActor, enterOrganization } from "./organizations.ts";

// ---- licenses: written in the organization's scope, audited in its log and in the platform's ----

export async function listOrganizationLicenses(
  db: TenantDb,
  admin: PlatformAdmin,
  organizationId: string,
) {
  await enterOrganization(db, organizationId);
  return listLicenses(db, { userId: admin.userId, organizationId });
}

export async function issueLicenseAsAdmin(
  db: TenantDb,
  admin: PlatformAdmin,
  input: TIssueLicenseInput,
): Promise<TLicenseOutput> {
  await enterOrganization(db, input.organizationId);
  const license = await issueLicense(
    db,
    { userId: admin.userId, organizationId: input.organizationId },
    input,
  );
  await recordPlatformAudit(db, asActor(admin), {
    action: "license.issue",
    targetType: "license",
    targetId: license.id,
    organizationId: input.organizationId,
    metadata: {
      type: license.type,
      seats: license.seats,
      expiresAt: license.expiresAt?.toISOString() ?? null,
    },
  });
  return license;
}

export async function setLicenseStatusAsAdmin(
  db: TenantDb,
  admin: PlatformAdmin,
  input: { organizationId: string; id: string; status: LicenseStatus; reason: string },
): Promise<TLicenseOutput> {
  await enterOrganization(db, input.organizationId);
  const before = await db.license.findUnique({
    where: { organizationId_id: { organizationId: input.organizationId, id: input.id } },
    select: { status: true },
  });
  const license = await setLicenseStatus(
    db,
    { userId: admin.userId, organizationId: input.organizationId },
    input,
  );
  await recordPlatformAudit(db, asActor(admin), {
    action: "license.set_status",
    targetType: "license",
    targetId: license.id,
    organizationId: input.organizationId,
    metadata: { from: before?.status ?? null, to: input.status, reason: input.reason },
  });
  return license;
}
