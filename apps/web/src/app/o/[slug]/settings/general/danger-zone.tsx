"use client";

// Leave, transfer ownership, archive/unarchive, delete/restore. Each is checked again by the server.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { CurrentOrganizationOutput } from "~/trpc/outputs";
import { UnavailableAction } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { toast } from "~/components/ui/sonner";
import { useCan, useReadOnlyReason } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

export function DangerZone(props: {
  organization: Pick<CurrentOrganizationOutput, "slug" | "name" | "status">;
  membershipId: string;
  canTransfer: boolean;
}) {
  // Archive, unarchive, delete and restore work in a read-only organization: they are how it comes back.
  const canManageLifecycle = useCan("organization.delete", { lifecycle: true }).allowed;
  const readOnly = useReadOnlyReason();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirmSlug, setConfirmSlug] = useState("");
  const [target, setTarget] = useState("");
  const onError = (e: unknown) => {
    toast.error(errorMessage(e));
    throw e;
  };
  const refresh = () => router.refresh();
  const leave = useMutation(
    trpc.member.leave.mutationOptions({ onSuccess: () => router.push("/") }),
  );
  const archive = useMutation(trpc.organization.archive.mutationOptions({ onSuccess: refresh }));
  const unarchive = useMutation(
    trpc.organization.unarchive.mutationOptions({ onSuccess: refresh }),
  );
  const del = useMutation(trpc.organization.delete.mutationOptions({ onSuccess: refresh }));
  const restore = useMutation(trpc.organization.restore.mutationOptions({ onSuccess: refresh }));
  const transfer = useQuery({
    ...trpc.organization.transfer.current.queryOptions(),
    enabled: props.canTransfer,
  });
  const members = useQuery({
    ...trpc.member.list.queryOptions({ limit: 100 }),
    enabled: props.canTransfer,
  });
  const propose = useMutation(
    trpc.organization.transfer.propose.mutationOptions({
      onSuccess: async () => {
        toast.success("Ownership transfer proposed; the member must accept it");
        await queryClient.invalidateQueries(trpc.organization.transfer.pathFilter());
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const cancel = useMutation(
    trpc.organization.transfer.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.organization.transfer.pathFilter()),
    }),
  );
  const status = props.organization.status;

  return (
    <Card className="mt-8 border-destructive/40">
      <CardHeader>
        <CardTitle>
          <h2>Danger zone</h2>
        </CardTitle>
        <CardDescription>
          Actions that change who owns this organization or whether it exists.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">Leave {props.organization.name}. The last owner cannot leave.</p>
          {readOnly ? (
            <UnavailableAction reason={readOnly} variant="outline">
              Leave organization
            </UnavailableAction>
          ) : (
            <ConfirmDialog
              title={`Leave ${props.organization.name}?`}
              description="You lose access immediately; an admin must invite you again."
              confirmLabel="Leave organization"
              onConfirm={() => leave.mutateAsync().catch(onError)}
              trigger={<Button variant="outline">Leave organization</Button>}
            />
          )}
        </div>

        {props.canTransfer ? (
          <div className="space-y-2">
            <p className="text-sm font-medium">Transfer ownership</p>
            {transfer.data ? (
              <div className="flex flex-wrap items-center gap-3 text-sm">
                <span>
                  Waiting for {transfer.data.to.name} ({transfer.data.to.email}) to accept.
                </span>
                <Button
                  variant="outline"
                  size="sm"
                  pending={cancel.isPending}
                  onClick={() => cancel.mutate({ id: transfer.data?.id ?? "" })}
                >
                  Cancel transfer
                </Button>
              </div>
            ) : (
              <div className="flex flex-wrap items-center gap-3">
                <Select value={target} onValueChange={setTarget}>
                  <SelectTrigger aria-label="New owner" className="w-64">
                    <SelectValue placeholder="Choose a member" />
                  </SelectTrigger>
                  <SelectContent>
                    {(members.data?.items ?? [])
                      .filter((m) => m.id !== props.membershipId)
                      .map((m) => (
                        <SelectItem key={m.id} value={m.id}>
                          {m.name} ({m.email})
                        </SelectItem>
                      ))}
                  </SelectContent>
                </Select>
                <Button
                  variant="outline"
                  disabled={!target}
                  pending={propose.isPending}
                  onClick={() => propose.mutate({ membershipId: target })}
                >
                  Propose transfer
                </Button>
              </div>
            )}
          </div>
        ) : null}

        {canManageLifecycle ? (
          <div className="space-y-4">
            {status === "ACTIVE" ? (
              <div className="flex flex-wrap items-center justify-between gap-3">
                <p className="text-sm">Archive: everything stays, nothing can be changed.</p>
                <ConfirmDialog
                  title="Archive this organization?"
                  description="It becomes read-only for everyone until an owner unarchives it."
                  confirmLabel="Archive"
                  onConfirm={() => archive.mutateAsync().catch(onError)}
                  trigger={<Button variant="outline">Archive</Button>}
                />
              </div>
            ) : null}
            {status === "ARCHIVED" ? (
              <Button pending={unarchive.isPending} onClick={() => unarchive.mutate()}>
                Unarchive
              </Button>
            ) : null}
            {status === "DELETED" ? (
              <Button pending={restore.isPending} onClick={() => restore.mutate()}>
                Restore organization
              </Button>
            ) : null}
            {status === "ACTIVE" || status === "ARCHIVED" ? (
              <div className="grid max-w-lg gap-1.5">
                <Label htmlFor="confirm-slug">
                  Delete: type <span className="font-mono">{props.organization.slug}</span> to
                  confirm. It can be restored for 30 days, then it is purged.
                </Label>
                <div className="flex gap-2">
                  <Input
                    id="confirm-slug"
                    value={confirmSlug}
                    onChange={(e) => setConfirmSlug(e.target.value)}
                  />
                  <ConfirmDialog
                    title={`Delete ${props.organization.name}?`}
                    description="Members lose access now. Owners can restore it within 30 days."
                    confirmLabel="Delete organization"
                    onConfirm={() => del.mutateAsync({ confirmSlug }).catch(onError)}
                    trigger={
                      <Button
                        variant="destructive"
                        disabled={confirmSlug !== props.organization.slug}
                      >
                        Delete
                      </Button>
                    }
                  />
                </div>
              </div>
            ) : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
