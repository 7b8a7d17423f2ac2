import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";
import { mailIsSent } from "@tenantry/auth";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { PageHeader } from "~/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { getAuthSession } from "~/server/auth-session";
import { callerFor } from "~/trpc/server";
import { organizationAction, userStatusAction } from "./_components/actions";
import { ErrorAlert, ReasonForm } from "./_components/forms";
import { PlanRequests } from "./_components/plan-requests";

export const metadata: Metadata = { title: "Platform admin" };

/** Platform-admin console: organizations and users across tenants (users with platformRole ADMIN only). */
export default async function AdminPage(props: {
  searchParams: Promise<{ q?: string; error?: string }>;
}) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const { q, error } = await props.searchParams;
  const query = q?.trim() ? q.trim().slice(0, 100) : undefined;
  const caller = await callerFor(null);
  const organizations = await caller.admin.organizations
    .list({ query, limit: 50 })
    .catch((e: unknown) => {
      // Not a platform admin: the console does not exist for them.
      if (isTRPCError(e) && e.code === "FORBIDDEN") notFound();
      throw e;
    });
  const users = await caller.admin.users.list({ query, limit: 50 });
  const planRequests = await caller.admin.plans.requests();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeader
        title="Platform admin"
        description="Search organizations and users; suspend or restore them with a reason."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/admin/audit">Platform audit</Link>
            </Button>
            {mailIsSent() ? null : (
              // No SMTP: mail waits in the outbox, readable by platform admins only.
              <Button asChild variant="outline">
                <Link href="/dev/outbox">Mail outbox</Link>
              </Button>
            )}
            <Button asChild variant="outline">
              <Link href="/admin/jobs">Jobs</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/admin/usage">Usage</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/">Back to the app</Link>
            </Button>
          </>
        }
      />
      <form className="mb-6 flex gap-2" role="search">
        <Input
          name="q"
          defaultValue={query ?? ""}
          placeholder="Name, slug or email"
          aria-label="Search"
          className="w-80"
        />
        <Button type="submit">Search</Button>
      </form>
      <ErrorAlert error={error} />
      <PlanRequests requests={planRequests} returnTo="/admin" />
      <h2 className="mb-2 text-lg font-semibold">Organizations</h2>
      <Table aria-label="Organizations">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Plan</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Action</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {organizations.items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={4} className="text-muted-foreground">
                {query ? "No organization matches this search." : "No organizations yet."}
              </TableCell>
            </TableRow>
          ) : null}
          {organizations.items.map((o) => (
            <TableRow key={o.id}>
              <TableCell>
                <Link
                  href={`/admin/organizations/${o.id}`}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {o.name}
                </Link>
                <div className="font-mono text-xs text-muted-foreground">{o.slug}</div>
              </TableCell>
              <TableCell>{o.plan}</TableCell>
              <TableCell>
                <Badge variant={o.status === "ACTIVE" ? "secondary" : "destructive"}>
                  {o.status}
                </Badge>
                {o.statusReason ? (
                  <div className="text-xs text-muted-foreground">{o.statusReason}</div>
                ) : null}
              </TableCell>
              <TableCell>
                {o.status === "SUSPENDED" ? (
                  <ReasonForm
                    action={organizationAction}
                    returnTo="/admin"
                    subject={o.name}
                    label="Reinstate"
                    fields={{ id: o.id, action: "reinstate" }}
                  />
                ) : o.status === "DELETED" ? (
                  <ReasonForm
                    action={organizationAction}
                    returnTo="/admin"
                    subject={o.name}
                    label="Restore"
                    fields={{ id: o.id, action: "restore" }}
                  />
                ) : (
                  <ReasonForm
                    action={organizationAction}
                    returnTo="/admin"
                    subject={o.name}
                    label="Suspend"
                    fields={{ id: o.id, action: "suspend" }}
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <h2 className="mt-10 mb-2 text-lg font-semibold">Users</h2>
      <Table aria-label="Users">
        <TableHeader>
          <TableRow>
            <TableHead>User</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Action</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={3} className="text-muted-foreground">
                {query ? "No user matches this search." : "No users yet."}
              </TableCell>
            </TableRow>
          ) : null}
          {users.items.map((u) => (
            <TableRow key={u.id}>
              <TableCell>
                <Link
                  href={`/admin/users/${u.id}`}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {u.name}
                </Link>
                <div className="text-xs text-muted-foreground">{u.email}</div>
              </TableCell>
              <TableCell>
                <Badge variant={u.status === "ACTIVE" ? "secondary" : "destructive"}>
                  {u.status}
                </Badge>
                {u.platformRole === "ADMIN" ? (
                  <Badge variant="outline">Platform admin</Badge>
                ) : null}
              </TableCell>
              <TableCell>
                {u.status === "ACTIVE" ? (
                  <ReasonForm
                    action={userStatusAction}
                    returnTo="/admin"
                    subject={u.email}
                    label="Suspend"
                    fields={{ id: u.id, status: "SUSPENDED" }}
                  />
                ) : (
                  <ReasonForm
                    action={userStatusAction}
                    returnTo="/admin"
                    subject={u.email}
                    label="Reactivate"
                    fields={{ id: u.id, status: "ACTIVE" }}
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
