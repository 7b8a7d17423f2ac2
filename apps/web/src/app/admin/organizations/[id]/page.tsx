import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { PageHeader } from "~/components/ui/page-header";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { plural } from "~/lib/utils";
import { getAuthSession } from "~/server/auth-session";
import { callerFor } from "~/trpc/server";
import {
  issueLicenseAction,
  licenseStatusAction,
  organizationAction,
} from "../../_components/actions";
import { getAdminDates } from "../../_components/admin-dates";
import { ErrorAlert, ReasonForm } from "../../_components/forms";
import { PlatformAuditTable } from "../../audit/audit-table";
import { PlanSection } from "./plan-section";

export const metadata: Metadata = { title: "Organization · Platform admin" };

const LICENSE_STATUSES = ["ACTIVE", "SUSPENDED", "REVOKED", "EXPIRED"] as const;

/**
 * One organization as the platform sees it: owners, size, lifecycle history with reasons, its licenses (issue one,
 * change a status) and the platform audit entries about it.
 */
export default async function AdminOrganizationPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const dates = await getAdminDates();
  const { id } = await props.params;
  const { error } = await props.searchParams;
  const caller = await callerFor(null);
  const [org, licenses, limits, audit] = await Promise.all([
    caller.admin.organizations.get({ id }),
    caller.admin.licenses.list({ organizationId: id }),
    caller.admin.plans.limits({ id }),
    caller.admin.audit.list({ organizationId: id, limit: 20 }),
  ]).catch((e: unknown) => {
    if (isTRPCError(e) && ["FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"].includes(e.code)) notFound();
    throw e;
  });
  const returnTo = `/admin/organizations/${org.id}`;
  const lifecycle =
    org.status === "SUSPENDED"
      ? { action: "reinstate", label: "Reinstate" }
      : org.status === "DELETED"
        ? { action: "restore", label: "Restore" }
        : { action: "suspend", label: "Suspend" };
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <PageHeader
        title={org.name}
        description={`${org.slug} · ${org.plan} plan · ${plural(org.memberCount, "member")}`}
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">All organizations</Link>
          </Button>
        }
      />
      <ErrorAlert error={error} />
      <div className="mb-6 flex flex-wrap items-center gap-4 text-sm">
        <p>
          Status:{" "}
          <Badge variant={org.status === "ACTIVE" ? "secondary" : "destructive"}>
            {org.status}
          </Badge>
          {org.statusReason ? <span className="ml-2">{org.statusReason}</span> : null}
        </p>
        <ReasonForm
          action={organizationAction}
          returnTo={returnTo}
          subject={org.name}
          label={lifecycle.label}
          fields={{ id: org.id, action: lifecycle.action }}
        />
      </div>
      <h2 className="mb-2 text-lg font-semibold">Owners</h2>
      <ul className="mb-8 list-disc pl-6 text-sm">
        {org.owners.map((o) => (
          <li key={o.userId}>
            <Link href={`/admin/users/${o.userId}`} className="underline-offset-4 hover:underline">
              {o.name}
            </Link>{" "}
            ({o.email})
          </li>
        ))}
      </ul>

      <PlanSection organizationId={org.id} limits={limits} returnTo={returnTo} />

      <section aria-labelledby="licenses" className="mb-8">
        <h2 id="licenses" className="mb-2 text-lg font-semibold">
          Licenses
        </h2>
        {licenses.lapsed ? (
          <p className="mb-2 text-sm text-destructive-text">
            No usable license: the organization is read-only until one is active.
          </p>
        ) : null}
        {licenses.licenses.length === 0 ? (
          <p className="mb-4 text-sm text-muted-foreground">No licenses; the plan applies.</p>
        ) : (
          <ul aria-label="Licenses" className="mb-4 divide-y rounded-md border">
            {licenses.licenses.map((l) => (
              <li key={l.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <span className="font-medium">{l.type}</span>
                <Badge variant={l.effectiveStatus === "ACTIVE" ? "secondary" : "destructive"}>
                  {l.effectiveStatus}
                </Badge>
                <span>
                  {l.usedSeats} / {l.seats} seats
                </span>
                <span className="text-muted-foreground">
                  {l.expiresAt ? `expires ${dates.formatDate(l.expiresAt)}` : "no expiry"}
                </span>
                <form action={licenseStatusAction} className="ml-auto flex flex-wrap gap-2">
                  <input type="hidden" name="returnTo" value={returnTo} />
                  <input type="hidden" name="organizationId" value={org.id} />
                  <input type="hidden" name="id" value={l.id} />
                  <Select name="status" defaultValue={l.status}>
                    <SelectTrigger
                      size="sm"
                      className="w-36"
                      aria-label={`Status of the ${l.type} license`}
                    >
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {LICENSE_STATUSES.map((s) => (
                        <SelectItem key={s} value={s}>
                          {s}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <Input
                    name="reason"
                    required
                    minLength={3}
                    maxLength={500}
                    placeholder="Reason"
                    aria-label={`Reason to change the ${l.type} license`}
                    className="h-8 w-44"
                  />
                  <Button type="submit" size="sm" variant="outline">
                    Set status
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form
          action={issueLicenseAction}
          aria-label="Issue a license"
          className="flex flex-wrap items-end gap-3 rounded-md border px-4 py-3"
        >
          <input type="hidden" name="returnTo" value={returnTo} />
          <input type="hidden" name="organizationId" value={org.id} />
          <div className="grid gap-1.5">
            <Label htmlFor="license-type">Type</Label>
            <Input
              id="license-type"
              name="type"
              required
              maxLength={40}
              defaultValue="STANDARD"
              className="w-40"
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="license-seats">Seats</Label>
            <Input
              id="license-seats"
              name="seats"
              type="number"
              required
              min={1}
              max={100000}
              defaultValue={10}
              className="w-28"
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="license-expiry">Expires (optional)</Label>
            <Input id="license-expiry" name="expiresAt" type="date" className="w-44" />
          </div>
          <Button type="submit">Issue license</Button>
        </form>
      </section>

      <h2 className="mb-2 text-lg font-semibold">History</h2>
      <ol aria-label="Lifecycle history" className="mb-8 divide-y rounded-md border text-sm">
        {org.history.map((h, i) => (
          <li key={i} className="flex flex-wrap gap-3 px-4 py-2">
            <span className="font-mono">{h.action}</span>
            <span className="text-muted-foreground">{dates.formatDateTime(h.createdAt)}</span>
            {h.actorEmail ? <span>by {h.actorEmail}</span> : null}
            {h.reason ? <span>— {h.reason}</span> : null}
          </li>
        ))}
      </ol>

      <section aria-labelledby="platform-audit">
        <h2 id="platform-audit" className="mb-2 text-lg font-semibold">
          Platform audit
        </h2>
        {audit.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No platform actions recorded.</p>
        ) : (
          <PlatformAuditTable items={audit.items} label="Platform audit about this organization" />
        )}
      </section>
    </div>
  );
}
