"use client";

// The members table: role select per member and removal, both checked again by the server (escalation rules).
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";

import { errorMessage } from "~/components/forms/form";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { toast } from "~/components/ui/sonner";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { useCan } from "~/lib/access/use-can";
import { roleLabel } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { parseRoleValue, RoleSelect, roleValueOf } from "./role-select";

export function MembersTable(props: { me: string }) {
  const canUpdate = useCan("member.update").allowed;
  const canRemove = useCan("member.remove").allowed;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.member.list.queryOptions({ limit: 100 }));
  const { data: catalog } = useSuspenseQuery(trpc.role.catalog.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.member.pathFilter());
  const updateRole = useMutation(
    trpc.member.updateRole.mutationOptions({
      onSuccess: async (m) => {
        toast.success(`${m.name} is now ${m.customRole?.name ?? roleLabel(m.role)}`);
        await refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: refresh,
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  // A role change waits for confirmation: the select only proposes it.
  const [pendingRole, setPendingRole] = useState<{
    membershipId: string;
    name: string;
    from: string;
    to: string;
    value: string;
  } | null>(null);
  const roleName = (value: string) => {
    const parsed = parseRoleValue(value);
    return "role" in parsed
      ? roleLabel(parsed.role)
      : (catalog.custom.find((r) => r.id === parsed.customRoleId)?.name ?? "a custom role");
  };

  return (
    <>
      <ConfirmDialog
        open={pendingRole !== null}
        onOpenChange={(open) => {
          if (!open) setPendingRole(null);
        }}
        destructive={false}
        title={pendingRole ? `Change ${pendingRole.name}’s role to ${pendingRole.to}?` : ""}
        description={
          pendingRole
            ? `${pendingRole.name} goes from ${pendingRole.from} to ${pendingRole.to}; what they may see and do changes on their next request.`
            : ""
        }
        confirmLabel="Change role"
        onConfirm={async () => {
          if (!pendingRole) return;
          await updateRole.mutateAsync({
            membershipId: pendingRole.membershipId,
            ...parseRoleValue(pendingRole.value),
          });
          setPendingRole(null);
        }}
      />
      <Table aria-label="Members">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead className="sr-only">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.items.map((m) => (
            <TableRow key={m.id}>
              <TableCell className="font-medium">
                {m.name} {m.id === props.me ? <Badge variant="secondary">You</Badge> : null}
              </TableCell>
              <TableCell>{m.email}</TableCell>
              <TableCell>
                {canUpdate ? (
                  <RoleSelect
                    label={`Role of ${m.name}`}
                    value={roleValueOf(m.role, m.customRole)}
                    customRoles={catalog.custom}
                    disabled={updateRole.isPending}
                    onChange={(value) =>
                      setPendingRole({
                        membershipId: m.id,
                        name: m.name,
                        from: m.customRole?.name ?? roleLabel(m.role),
                        to: roleName(value),
                        value,
                      })
                    }
                  />
                ) : (
                  <Badge variant="outline">{m.customRole?.name ?? roleLabel(m.role)}</Badge>
                )}
              </TableCell>
              <TableCell className="text-right">
                {canRemove && m.id !== props.me ? (
                  <ConfirmDialog
                    title={`Remove ${m.name}?`}
                    description="They lose access on their next request. Their work stays."
                    confirmLabel="Remove member"
                    onConfirm={() => remove.mutateAsync({ membershipId: m.id })}
                    trigger={
                      <Button variant="outline" size="sm">
                        Remove
                      </Button>
                    }
                  />
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
