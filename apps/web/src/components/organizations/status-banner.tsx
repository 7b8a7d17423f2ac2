// Tells members why their organization is read-only (suspended, archived, deleted or license lapsed); the
// organization layout shows it above every page of the organization.
import { AlertTriangle } from "lucide-react";

import type { CurrentOrganizationOutput } from "~/trpc/outputs";
import { formatDate } from "~/lib/dates";

type BannerOrganization = Pick<
  CurrentOrganizationOutput,
  "status" | "statusReason" | "restorableUntil" | "licenseLapsed"
>;

/** The banner's text, or null while the organization is active with a usable license. */
export function organizationStatusMessage(current: BannerOrganization): string | null {
  if (current.status === "SUSPENDED")
    return `This organization is suspended by the platform and read-only${current.statusReason ? `: ${current.statusReason}` : "."}`;
  if (current.status === "ARCHIVED")
    return "This organization is archived and read-only. An owner can unarchive it in Settings → General.";
  if (current.status === "DELETED")
    return `This organization is deleted and its data is no longer available. An owner can restore it in Settings → General until ${current.restorableUntil ? formatDate(current.restorableUntil) : "the end of the 30-day window"}.`;
  if (current.licenseLapsed)
    return "This organization's license has expired: it is read-only until the license is renewed.";
  return null;
}

export function OrganizationStatusBanner(props: { current: BannerOrganization }) {
  const message = organizationStatusMessage(props.current);
  if (!message) return null;
  return (
    <div
      role="status"
      className="mb-6 flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/10 px-4 py-3 text-sm"
    >
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive-text" aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}
