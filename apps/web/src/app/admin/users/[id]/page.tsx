import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { roleLabel } from "~/lib/utils";
import { getAuthSession } from "~/server/auth-session";
import { callerFor } from "~/trpc/server";
import {
  platformRoleAction,
  revokeSessionsAction,
  unlockAction,
  userStatusAction,
} from "../../_components/actions";
import { getAdminDates } from "../../_components/admin-dates";
import { ErrorAlert, ReasonForm } from "../../_components/forms";
import { PlatformAuditTable } from "../../audit/audit-table";

export const metadata: Metadata = { title: "User · Platform admin" };

/**
 * One account as the platform sees it: identity, organizations and roles, sign-in lock, status history and the
 * platform audit entries about it, with the admin actions (suspend/reactivate, unlock, revoke sessions, platform role).
 */
export default async function AdminUserPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const session = await getAuthSession();
  if (!session) redirect("/sign-in");
  const dates = await getAdminDates();
  const { id } = await props.params;
  const { error } = await props.searchParams;
  const caller = await callerFor(null);
  const [user, history, lock, audit] = await Promise.all([
    caller.admin.users.get({ id }),
    caller.admin.users.history({ id }),
    caller.auth.admin.lockStatus({ userId: id }),
    caller.admin.audit.list({ targetType: "user", targetId: id, limit: 20 }),
  ]).catch((e: unknown) => {
    if (isTRPCError(e) && ["FORBIDDEN", "BAD_REQUEST", "NOT_FOUND"].includes(e.code)) notFound();
    throw e;
  });
  const self = session.user.id === user.id;
  const returnTo = `/admin/users/${user.id}`;
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <PageHeader
        title={user.name}
        description={user.email}
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">Back to the console</Link>
          </Button>
        }
      />
      <ErrorAlert error={error} />
      <section aria-labelledby="account" className="mb-8">
        <h2 id="account" className="mb-2 text-lg font-semibold">
          Account
        </h2>
        <dl className="grid max-w-xl grid-cols-[10rem_1fr] gap-2 text-sm">
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <Badge variant={user.status === "ACTIVE" ? "secondary" : "destructive"}>
              {user.status}
            </Badge>
          </dd>
          <dt className="text-muted-foreground">Platform role</dt>
          <dd>{user.platformRole === "ADMIN" ? "Platform admin" : "User"}</dd>
          <dt className="text-muted-foreground">Email verified</dt>
          <dd>{user.emailVerified ? "Yes" : "No"}</dd>
          <dt className="text-muted-foreground">Created</dt>
          <dd>{dates.formatDateTime(user.createdAt)}</dd>
        </dl>
        {self ? (
          <p className="mt-3 text-sm text-muted-foreground">
            This is your own account: its status and platform role are changed by another admin.
          </p>
        ) : (
          <div className="mt-4 flex flex-wrap gap-4">
            {user.status === "ACTIVE" ? (
              <>
                <ReasonForm
                  action={userStatusAction}
                  returnTo={returnTo}
                  subject={user.email}
                  label="Suspend"
                  fields={{ id: user.id, status: "SUSPENDED" }}
                />
                <ReasonForm
                  action={userStatusAction}
                  returnTo={returnTo}
                  subject={user.email}
                  label="Deactivate"
                  fields={{ id: user.id, status: "DEACTIVATED" }}
                />
              </>
            ) : (
              <ReasonForm
                action={userStatusAction}
                returnTo={returnTo}
                subject={user.email}
                label="Reactivate"
                fields={{ id: user.id, status: "ACTIVE" }}
              />
            )}
            <ReasonForm
              action={platformRoleAction}
              returnTo={returnTo}
              subject={user.email}
              label={
                user.platformRole === "ADMIN" ? "Remove platform admin" : "Make platform admin"
              }
              fields={{
                id: user.id,
                platformRole: user.platformRole === "ADMIN" ? "USER" : "ADMIN",
              }}
            />
          </div>
        )}
      </section>
      <section aria-labelledby="organizations" className="mb-8">
        <h2 id="organizations" className="mb-2 text-lg font-semibold">
          Organizations
        </h2>
        {user.memberships.length === 0 ? (
          <p className="text-sm text-muted-foreground">Not a member of any organization.</p>
        ) : (
          <Table aria-label="Memberships">
            <TableHeader>
              <TableRow>
                <TableHead>Organization</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Membership</TableHead>
                <TableHead>Since</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {user.memberships.map((m) => (
                <TableRow key={m.membershipId}>
                  <TableCell>
                    <Link
                      href={`/admin/organizations/${m.organizationId}`}
                      className="font-medium underline-offset-4 hover:underline"
                    >
                      {m.organizationName}
                    </Link>
                    <span className="ml-2 font-mono text-xs text-muted-foreground">
                      {m.organizationSlug}
                    </span>
                    {m.organizationStatus !== "ACTIVE" ? (
                      <Badge variant="destructive" className="ml-2">
                        {m.organizationStatus}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>{m.customRoleName ?? roleLabel(m.role)}</TableCell>
                  <TableCell>{m.status}</TableCell>
                  <TableCell>{dates.formatDate(m.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
      <section aria-labelledby="sign-in" className="mb-8">
        <h2 id="sign-in" className="mb-2 text-lg font-semibold">
          Sign-in and sessions
        </h2>
        <div className="flex flex-wrap items-center gap-3 rounded-md border px-4 py-3 text-sm">
          <Badge variant={lock.locked ? "destructive" : "secondary"}>
            {lock.locked ? "Locked" : "Not locked"}
          </Badge>
          <span>
            {lock.failedSignInCount} failed password sign-in
            {lock.failedSignInCount === 1 ? "" : "s"} since the last successful one
          </span>
          {lock.lockedUntil ? (
            <span className="text-muted-foreground">
              Password sign-in refused until {dates.formatDateTime(lock.lockedUntil)}
            </span>
          ) : null}
          {lock.locked || lock.failedSignInCount > 0 ? (
            <form action={unlockAction} className="ml-auto">
              <input type="hidden" name="id" value={user.id} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <Button type="submit" size="sm" variant="outline">
                {lock.locked ? "Unlock sign-in" : "Reset failed attempts"}
              </Button>
            </form>
          ) : null}
        </div>
        {self ? null : (
          <div className="mt-3">
            <ReasonForm
              action={revokeSessionsAction}
              returnTo={returnTo}
              subject={user.email}
              label="Sign out everywhere"
              optionalReason
              fields={{ id: user.id }}
            />
          </div>
        )}
      </section>
      <section aria-labelledby="status-history" className="mb-8">
        <h2 id="status-history" className="mb-2 text-lg font-semibold">
          Account status history
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-muted-foreground">No status changes recorded.</p>
        ) : (
          <ol aria-label="Status history" className="divide-y rounded-md border text-sm">
            {history.map((h) => (
              <li key={h.id} className="flex flex-wrap gap-3 px-4 py-2">
                <span className="font-medium">{h.status}</span>
                <span className="text-muted-foreground">{dates.formatDateTime(h.createdAt)}</span>
                {h.actor ? <span>by {h.actor.email}</span> : null}
                <span>— {h.reason}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="platform-audit">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="platform-audit" className="text-lg font-semibold">
            Platform audit
          </h2>
          <Link
            href={`/admin/audit?targetType=user&target=${user.id}`}
            className="text-sm underline-offset-4 hover:underline"
          >
            All entries about this user
          </Link>
        </div>
        {audit.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No platform actions recorded.</p>
        ) : (
          <PlatformAuditTable items={audit.items} label="Platform audit about this user" />
        )}
      </section>
    </div>
  );
}
