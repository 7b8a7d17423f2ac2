"use client";

// Invitations addressed to the signed-in user (their verified email) from organizations they are not a member of
// yet: "Dana invited you to Acme as Member" with Accept / Decline. Shown on the notifications page and on the
// no-organization home page; the bell counts them. Only the organization's name, the inviter and the role are known.
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { TMyInvitationOutput } from "@tenantry/validators";
import { notificationSentence } from "@tenantry/validators";

import { Button } from "~/components/ui/button";
import { toast } from "~/components/ui/sonner";
import { useTRPC } from "~/trpc/react";

const ROLE_NAMES: Record<TMyInvitationOutput["role"], string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
};

export const MY_INVITATIONS_POLL_MS = 30_000;

function sentence(inv: TMyInvitationOutput): string {
  return notificationSentence("INVITATION", {
    actorName: inv.invitedByName ?? "Someone",
    organizationName: inv.organizationName,
    roleName: inv.customRoleName ?? ROLE_NAMES[inv.role],
  });
}

export function MyInvitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const mine = useQuery({
    ...trpc.invitation.mine.queryOptions(),
    refetchInterval: MY_INVITATIONS_POLL_MS,
  });
  const refresh = () => queryClient.invalidateQueries(trpc.invitation.mine.pathFilter());
  const accept = useMutation(
    trpc.invitation.acceptMine.mutationOptions({
      onSuccess: async ({ organization }) => {
        await refresh();
        toast.success(`You joined ${organization.name}`);
        router.push(`/o/${organization.slug}/home`);
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const decline = useMutation(
    trpc.invitation.declineMine.mutationOptions({
      onSuccess: refresh,
      onError: (error) => toast.error(error.message),
    }),
  );
  const items = mine.data ?? [];
  if (items.length === 0) return null;
  const busy = accept.isPending || decline.isPending;
  return (
    <section aria-label="Invitations" className="space-y-2">
      <h2 className="text-sm font-semibold">Invitations</h2>
      <ul className="divide-y rounded-md border">
        {items.map((inv) => {
          const ids = { organizationId: inv.organizationId, id: inv.id };
          return (
            <li key={inv.id} className="flex flex-wrap items-center gap-3 p-3">
              <p className="min-w-0 flex-1 text-sm">{sentence(inv)}</p>
              <Button size="sm" disabled={busy} onClick={() => accept.mutate(ids)}>
                Accept
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={busy}
                onClick={() => decline.mutate(ids)}
              >
                Decline
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
