"use client";

// The members table: role select per member and removal, both checked again by the server (escalation rules).
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

  return (
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
                    updateRole.mutate({ membershipId: m.id, ...parseRoleValue(value) })
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
  );
}
