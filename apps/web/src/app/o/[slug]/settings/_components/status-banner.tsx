// Tells members why their organization is read-only (suspended, archived, deleted or license lapsed).
import { AlertTriangle } from "lucide-react";

import type { CurrentOrganization } from "./no-access";

export function OrganizationStatusBanner(props: { current: CurrentOrganization }) {
  const { current } = props;
  let message: string | null = null;
  if (current.status === "SUSPENDED")
    message = `This organization is suspended and read-only${current.statusReason ? `: ${current.statusReason}` : "."}`;
  else if (current.status === "ARCHIVED")
    message = "This organization is archived and read-only. An owner can unarchive it below.";
  else if (current.status === "DELETED")
    message = `This organization is deleted. An owner can restore it until ${current.restorableUntil?.toLocaleDateString() ?? "the end of the 30-day window"}.`;
  else if (current.licenseLapsed)
    message =
      "This organization's license has expired: it is read-only until the license is renewed.";
  if (!message) return null;
  return (
    <div
      role="status"
      className="mb-6 flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/10 px-4 py-3 text-sm"
    >
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}
