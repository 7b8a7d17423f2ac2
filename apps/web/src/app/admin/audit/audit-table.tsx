// The platform audit entries as a table; shared by the audit page and the user and organization pages.
import Link from "next/link";

import type { PlatformAuditEntryOutput } from "~/trpc/outputs";
import { Badge } from "~/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { getAdminDates } from "../_components/admin-dates";

const targetHref = (e: PlatformAuditEntryOutput): string | null => {
  if (!e.targetId) return null;
  if (e.targetType === "user") return `/admin/users/${e.targetId}`;
  if (e.targetType === "organization") return `/admin/organizations/${e.targetId}`;
  if (e.organizationId) return `/admin/organizations/${e.organizationId}`;
  return null;
};

/** Metadata other than the reason, as short `key: value` pairs. */
const details = (metadata: Record<string, unknown>) =>
  Object.entries(metadata)
    .filter(([key, value]) => key !== "reason" && value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");

export async function PlatformAuditTable(props: {
  items: PlatformAuditEntryOutput[];
  label?: string;
}) {
  const dates = await getAdminDates();
  return (
    <Table aria-label={props.label ?? "Platform audit entries"}>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Reason</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.items.map((e) => {
          const href = targetHref(e);
          const reason = e.metadata.reason;
          return (
            <TableRow key={e.id}>
              <TableCell className="whitespace-nowrap">
                {dates.formatDateTime(e.createdAt)}
              </TableCell>
              <TableCell>
                {e.actorType === "CLI" ? (
                  <Badge variant="outline">CLI</Badge>
                ) : (
                  (e.actor?.email ?? "deleted user")
                )}
              </TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell>
                {href ? (
                  <Link href={href} className="underline-offset-4 hover:underline">
                    {e.targetLabel ?? e.targetId}
                  </Link>
                ) : (
                  (e.targetLabel ?? e.targetId ?? e.targetType)
                )}
              </TableCell>
              <TableCell>{typeof reason === "string" ? reason : ""}</TableCell>
              <TableCell className="text-xs text-muted-foreground">{details(e.metadata)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
