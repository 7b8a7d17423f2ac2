"use client";

// Shown to the member an owner proposed as the new owner: accept or decline.
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { toast } from "~/components/ui/sonner";
import { useReadOnlyReason } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";

export function TransferInbox(props: { membershipId: string }) {
  const { formatDate } = useDates();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: transfer } = useSuspenseQuery(trpc.organization.transfer.current.queryOptions());
  // Answering takes no permission, but a read-only organization refuses it like any change.
  const readOnly = useReadOnlyReason();
  const done = async (message: string) => {
    toast.success(message);
    await queryClient.invalidateQueries(trpc.organization.transfer.pathFilter());
    router.refresh();
  };
  const accept = useMutation(
    trpc.organization.transfer.accept.mutationOptions({
      onSuccess: () => done("You are now an owner"),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const decline = useMutation(
    trpc.organization.transfer.decline.mutationOptions({
      onSuccess: () => done("Transfer declined"),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  if (transfer?.to.membershipId !== props.membershipId) return null;
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>
          <h2>Ownership transfer</h2>
        </CardTitle>
        <CardDescription>
          {transfer.from.name} proposes to make you the owner. They will become an admin. Expires{" "}
          {formatDate(transfer.expiresAt)}.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-start gap-2">
        {readOnly ? <UnavailableNote reason={readOnly} className="basis-full" /> : null}
        <Button
          disabled={readOnly !== null}
          pending={accept.isPending}
          onClick={() => accept.mutate({ id: transfer.id })}
        >
          Accept ownership
        </Button>
        <Button
          variant="outline"
          disabled={readOnly !== null}
          pending={decline.isPending}
          onClick={() => decline.mutate({ id: transfer.id })}
        >
          Decline
        </Button>
      </CardContent>
    </Card>
  );
}
