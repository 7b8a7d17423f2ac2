import type { Metadata } from "next";
import { revalidatePath } from "next/cache";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";

import { getAuthSession } from "@tenantry/auth/next";

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
import { callerFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Platform admin" };

const field = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

// Every action goes through the admin.* procedures (platform role checked, reason required, audited).
async function organizationAction(formData: FormData) {
  "use server";
  const id = field(formData, "id");
  const reason = field(formData, "reason");
  const action = field(formData, "action");
  const caller = await callerFor(null);
  let error: string | null = null;
  try {
    if (action === "suspend") await caller.admin.organizations.suspend({ id, reason });
    else if (action === "reinstate") await caller.admin.organizations.reinstate({ id, reason });
    else await caller.admin.organizations.restore({ id, reason });
  } catch (e) {
    error = e instanceof TRPCError ? e.message : "The action failed";
  }
  revalidatePath("/admin");
  if (error) redirect(`/admin?error=${encodeURIComponent(error)}`);
}

async function userAction(formData: FormData) {
  "use server";
  const id = field(formData, "id");
  const reason = field(formData, "reason");
  const status = formData.get("status") === "ACTIVE" ? "ACTIVE" : "SUSPENDED";
  let error: string | null = null;
  try {
    await (await callerFor(null)).admin.users.setStatus({ id, status, reason });
  } catch (e) {
    error = e instanceof TRPCError ? e.message : "The action failed";
  }
  revalidatePath("/admin");
  if (error) redirect(`/admin?error=${encodeURIComponent(error)}`);
}

function ReasonForm(props: {
  action: (formData: FormData) => Promise<void>;
  id: string;
  fields: Record<string, string>;
  label: string;
  name: string;
}) {
  return (
    <form action={props.action} className="flex gap-2">
      <input type="hidden" name="id" value={props.id} />
      {Object.entries(props.fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Input
        name="reason"
        required
        minLength={3}
        maxLength={500}
        placeholder="Reason"
        aria-label={`Reason to ${props.label.toLowerCase()} ${props.name}`}
        className="h-8 w-48"
      />
      <Button type="submit" size="sm" variant="outline">
        {props.label}
      </Button>
    </form>
  );
}

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
      if (e instanceof TRPCError && e.code === "FORBIDDEN") notFound();
      throw e;
    });
  const users = await caller.admin.users.list({ query, limit: 50 });
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeader
        title="Platform admin"
        description="Search organizations and users; suspend or restore them with a reason."
        actions={
          <Button asChild variant="outline">
            <Link href="/">Back to the app</Link>
          </Button>
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
      {error ? (
        <p role="alert" className="mb-4 text-sm text-destructive">
          {error}
        </p>
      ) : null}
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
                    id={o.id}
                    name={o.name}
                    label="Reinstate"
                    fields={{ action: "reinstate" }}
                  />
                ) : o.status === "DELETED" ? (
                  <ReasonForm
                    action={organizationAction}
                    id={o.id}
                    name={o.name}
                    label="Restore"
                    fields={{ action: "restore" }}
                  />
                ) : (
                  <ReasonForm
                    action={organizationAction}
                    id={o.id}
                    name={o.name}
                    label="Suspend"
                    fields={{ action: "suspend" }}
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
                    action={userAction}
                    id={u.id}
                    name={u.email}
                    label="Suspend"
                    fields={{ status: "SUSPENDED" }}
                  />
                ) : (
                  <ReasonForm
                    action={userAction}
                    id={u.id}
                    name={u.email}
                    label="Reactivate"
                    fields={{ status: "ACTIVE" }}
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
