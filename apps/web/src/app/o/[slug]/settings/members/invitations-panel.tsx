"use client";

// Inviting by email with a role, the link to share ("copy invite link"), and the pending invitations.
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";

import { UnavailableAction } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { roleLabel } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { parseRoleValue, RoleSelect } from "./role-select";

export function InvitationsPanel() {
  const { formatDate } = useDates();
  const invite = useCan("member.invite", { limit: "members" });
  // Resending and revoking hold no new seat: only a read-only organization (or the role) stops them.
  const manage = useCan("member.invite");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: invitations } = useSuspenseQuery(trpc.invitation.list.queryOptions());
  const { data: catalog } = useSuspenseQuery(trpc.role.catalog.queryOptions());
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("MEMBER");
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Pending invitations hold seats, so the plan's usage (and with it useCan's limit) changes too.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.invitation.pathFilter()),
      queryClient.invalidateQueries(trpc.plan.usage.queryFilter()),
    ]);
  const showLink = (r: { invitation: { email: string }; acceptPath: string }) =>
    setLink({ email: r.invitation.email, url: `${window.location.origin}${r.acceptPath}` });
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: async (r) => {
        toast.success(`Invitation created for ${r.invitation.email}`);
        showLink(r);
        setEmail("");
        setError(null);
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const resend = useMutation(
    trpc.invitation.resend.mutationOptions({
      onSuccess: async (r) => {
        showLink(r);
        toast.success("New link issued; the old one no longer works");
        await refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: refresh,
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  return (
    <Card className="mt-8">
      <CardHeader>
        <CardTitle>
          <h2>Invitations</h2>
        </CardTitle>
        <CardDescription>
          Links are single-use and expire after 7 days. Pending invitations count against the
          plan&apos;s member limit.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ email, ...parseRoleValue(role) });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="invite-email">Email</Label>
            <Input
              id="invite-email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className="w-72"
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="invite-role">Role</Label>
            <RoleSelect
              id="invite-role"
              label="Role"
              value={role}
              onChange={setRole}
              customRoles={catalog.custom}
            />
          </div>
          {invite.allowed ? (
            <Button type="submit" pending={create.isPending}>
              Invite
            </Button>
          ) : (
            <UnavailableAction reason={invite.reason}>Invite</UnavailableAction>
          )}
        </form>
        {error ? (
          <p role="alert" className="text-sm text-destructive-text">
            {error}
          </p>
        ) : null}
        {link ? (
          <div className="grid gap-1.5">
            <Label htmlFor="invite-link">Invite link for {link.email}</Label>
            <div className="flex gap-2">
              <Input id="invite-link" readOnly value={link.url} className="font-mono text-xs" />
              <Button
                type="button"
                variant="outline"
                onClick={() =>
                  void navigator.clipboard.writeText(link.url).then(() => toast.success("Copied"))
                }
              >
                Copy invite link
              </Button>
            </div>
          </div>
        ) : null}
        <ul aria-label="Pending invitations" className="divide-y rounded-md border">
          {invitations.length === 0 ? (
            <li className="px-4 py-3 text-sm text-muted-foreground">No pending invitations.</li>
          ) : null}
          {invitations.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <span className="font-medium">{inv.email}</span>
              <Badge variant="outline">{inv.customRole?.name ?? roleLabel(inv.role)}</Badge>
              {inv.expired ? (
                <Badge variant="destructive">Expired</Badge>
              ) : (
                <span className="text-muted-foreground">expires {formatDate(inv.expiresAt)}</span>
              )}
              {manage.allowed ? (
                <span className="ml-auto flex gap-2">
                  <Button
                    variant="outline"
                    size="sm"
                    pending={resend.isPending && resend.variables.id === inv.id}
                    onClick={() => resend.mutate({ id: inv.id })}
                  >
                    Resend
                  </Button>
                  <ConfirmDialog
                    title={`Revoke the invitation for ${inv.email}?`}
                    description="The link stops working immediately."
                    confirmLabel="Revoke invitation"
                    onConfirm={() => revoke.mutateAsync({ id: inv.id })}
                    trigger={
                      <Button variant="outline" size="sm">
                        Revoke
                      </Button>
                    }
                  />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
