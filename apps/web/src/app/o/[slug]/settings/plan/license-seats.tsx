"use client";

// The organization's licenses with their seats: holders of license.manage assign a seat to a member (one seat per
// member across licenses) and take it back; everyone who may read the plan sees seats used/total.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";

import { errorMessage } from "~/components/forms/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";

export function LicenseSeats(props: { canListMembers: boolean }) {
  const { formatDate } = useDates();
  const manage = useCan("license.manage");
  const canManage = manage.allowed;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.license.list.queryOptions());
  const members = useQuery({
    ...trpc.member.list.queryOptions({ limit: 100 }),
    enabled: canManage && props.canListMembers,
  });
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const invalidate = () => queryClient.invalidateQueries(trpc.license.pathFilter());
  const assign = useMutation(
    trpc.license.assignSeat.mutationOptions({
      onSuccess: async (_data, vars) => {
        setChoice((c) => ({ ...c, [vars.licenseId]: "" }));
        setErrors((e) => ({ ...e, [vars.licenseId]: "" }));
        await invalidate();
      },
      onError: (e, vars) => setErrors((prev) => ({ ...prev, [vars.licenseId]: errorMessage(e) })),
    }),
  );
  const unassign = useMutation(
    trpc.license.unassignSeat.mutationOptions({
      onSuccess: invalidate,
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  if (data.licenses.length === 0) {
    return <p className="text-sm text-muted-foreground">No seat licenses; the plan applies.</p>;
  }
  const seated = new Set(data.licenses.flatMap((l) => l.holders.map((h) => h.membershipId)));
  const candidates = (members.data?.items ?? []).filter((m) => !seated.has(m.id));
  return (
    <div className="space-y-4">
      {data.lapsed ? (
        <p role="status" className="text-sm text-destructive-text">
          No license is active: the organization is read-only until a platform admin renews one.
        </p>
      ) : null}
      <ul aria-label="Licenses" className="divide-y rounded-md border">
        {data.licenses.map((l) => {
          const full = l.usedSeats >= l.seats;
          const usable = l.effectiveStatus === "ACTIVE";
          const error = errors[l.id];
          return (
            <li key={l.id} className="space-y-3 px-4 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-medium">{l.type}</span>
                <Badge variant={usable ? "secondary" : "destructive"}>{l.effectiveStatus}</Badge>
                <span aria-label={`Seats of the ${l.type} license`}>
                  {l.usedSeats} / {l.seats} seats used
                </span>
                {full ? <Badge variant="outline">Full</Badge> : null}
                <span className="text-muted-foreground">
                  {l.expiresAt ? `expires ${formatDate(l.expiresAt)}` : "no expiry"}
                </span>
              </div>
              {l.holders.length > 0 ? (
                <ul aria-label={`Seat holders of the ${l.type} license`} className="space-y-1">
                  {l.holders.map((h) => (
                    <li key={h.membershipId} className="flex items-center gap-2">
                      <span>{h.email}</span>
                      {canManage ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Take back the seat of ${h.email}`}
                          onClick={() => unassign.mutate({ membershipId: h.membershipId })}
                        >
                          Take back
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {canManage && props.canListMembers && usable ? (
                <div className="flex flex-wrap items-center gap-2">
                  <Select
                    value={choice[l.id] ?? ""}
                    onValueChange={(v) => setChoice((c) => ({ ...c, [l.id]: v }))}
                  >
                    <SelectTrigger
                      aria-label={`Member to seat on the ${l.type} license`}
                      className="w-64"
                    >
                      <SelectValue
                        placeholder={
                          candidates.length === 0 ? "Every member holds a seat" : "Choose a member"
                        }
                      />
                    </SelectTrigger>
                    <SelectContent>
                      {candidates.map((m) => (
                        <SelectItem key={m.id} value={m.id}>
                          {m.name} ({m.email})
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <Button
                    variant="outline"
                    disabled={!choice[l.id]}
                    pending={assign.isPending && assign.variables.licenseId === l.id}
                    onClick={() =>
                      assign.mutate({ licenseId: l.id, membershipId: choice[l.id] ?? "" })
                    }
                  >
                    Assign seat
                  </Button>
                </div>
              ) : null}
              {error ? (
                <p role="alert" className="text-destructive-text">
                  {error}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
