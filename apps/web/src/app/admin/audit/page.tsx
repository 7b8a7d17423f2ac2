import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";
import { ZId } from "@tenantry/validators";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { PageHeader } from "~/components/ui/page-header";
import { getAuthSession } from "~/server/auth-session";
import { callerFor } from "~/trpc/server";
import { PlatformAuditTable } from "./audit-table";

export const metadata: Metadata = { title: "Platform audit · Platform admin" };

const bounded = (value: string | undefined, max: number) => {
  const v = value?.trim();
  return v ? v.slice(0, max) : undefined;
};
const asId = (value: string | undefined) =>
  value && ZId.safeParse(value).success ? value : undefined;

/** Everything platform admins (and `pnpm admin:grant`) did, newest first, filterable by action and target. */
export default async function PlatformAuditPage(props: {
  searchParams: Promise<{ action?: string; targetType?: string; target?: string; cursor?: string }>;
}) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const params = await props.searchParams;
  const filters = {
    action: bounded(params.action, 64),
    targetType: bounded(params.targetType, 32),
    targetId: asId(params.target),
  };
  const page = await (
    await callerFor(null)
  ).admin.audit
    .list({ ...filters, cursor: asId(params.cursor), limit: 50 })
    .catch((e: unknown) => {
      if (isTRPCError(e) && e.code === "FORBIDDEN") notFound();
      if (isTRPCError(e) && e.code === "BAD_REQUEST") redirect("/admin/audit");
      throw e;
    });
  const next = new URLSearchParams();
  if (filters.action) next.set("action", filters.action);
  if (filters.targetType) next.set("targetType", filters.targetType);
  if (filters.targetId) next.set("target", filters.targetId);
  if (page.nextCursor) next.set("cursor", page.nextCursor);
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeader
        title="Platform audit"
        description="Every platform-admin action: who did what to which organization, license or user, and why."
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">Back to the console</Link>
          </Button>
        }
      />
      <form className="mb-6 flex flex-wrap items-end gap-3" role="search" aria-label="Filter">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Input
            id="audit-action"
            name="action"
            maxLength={64}
            defaultValue={filters.action ?? ""}
            placeholder="e.g. organization.suspend"
            className="w-56"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-target-type">Target type</Label>
          <Input
            id="audit-target-type"
            name="targetType"
            maxLength={32}
            defaultValue={filters.targetType ?? ""}
            placeholder="organization, license, user"
            className="w-56"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-target">Target id</Label>
          <Input
            id="audit-target"
            name="target"
            maxLength={36}
            defaultValue={filters.targetId ?? ""}
            className="w-80 font-mono"
          />
        </div>
        <Button type="submit">Filter</Button>
        {filters.action || filters.targetType || filters.targetId ? (
          <Button asChild variant="ghost">
            <Link href="/admin/audit">Clear</Link>
          </Button>
        ) : null}
      </form>
      {page.items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No entries.</p>
      ) : (
        <PlatformAuditTable items={page.items} />
      )}
      {page.nextCursor ? (
        <div className="mt-4">
          <Button asChild variant="outline">
            <Link href={`/admin/audit?${next.toString()}`}>Older entries</Link>
          </Button>
        </div>
      ) : null}
      <p className="mt-6 text-xs text-muted-foreground">
        <Badge variant="outline">CLI</Badge> entries come from <code>pnpm admin:grant</code>.
      </p>
    </div>
  );
}
