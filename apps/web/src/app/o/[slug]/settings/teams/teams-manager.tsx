"use client";

// Teams: create, rename, delete, and add or remove members.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { UsersRound } from "lucide-react";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
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
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

export function TeamsManager(props: { canListMembers: boolean }) {
  const manage = useCan("team.manage");
  const canManage = manage.allowed;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: teams } = useSuspenseQuery(trpc.team.list.queryOptions());
  const members = useQuery({
    ...trpc.member.list.queryOptions({ limit: 100 }),
    enabled: canManage && props.canListMembers,
  });
  const [name, setName] = useState("");
  const [adding, setAdding] = useState<Record<string, string>>({});
  const opts = {
    onSuccess: () => queryClient.invalidateQueries(trpc.team.pathFilter()),
    onError: (e: unknown) => toast.error(errorMessage(e)),
  };
  const create = useMutation(
    trpc.team.create.mutationOptions({
      ...opts,
      onSuccess: async () => {
        setName("");
        await opts.onSuccess();
      },
    }),
  );
  const del = useMutation(trpc.team.delete.mutationOptions(opts));
  const add = useMutation(trpc.team.members.add.mutationOptions(opts));
  const remove = useMutation(trpc.team.members.remove.mutationOptions(opts));

  return (
    <div className="space-y-6">
      <UnavailableNote reason={manage.reason} />
      {canManage ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="team-name">New team</Label>
            <Input
              id="team-name"
              required
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="w-64"
            />
          </div>
          <Button type="submit" pending={create.isPending}>
            Create team
          </Button>
        </form>
      ) : null}
      {teams.length === 0 ? (
        <EmptyState
          icon={UsersRound}
          title="No teams yet"
          description="Teams group members and projects."
        />
      ) : null}
      {teams.map((team) => {
        const candidates = (members.data?.items ?? []).filter(
          (m) => !team.members.some((tm) => tm.membershipId === m.id),
        );
        return (
          <Card key={team.id}>
            <CardHeader>
              <CardTitle>
                <h2>{team.name}</h2>
              </CardTitle>
              {canManage ? (
                <CardAction>
                  <ConfirmDialog
                    title={`Delete the team “${team.name}”?`}
                    description="Its projects stay and become unassigned."
                    confirmLabel="Delete team"
                    onConfirm={() => del.mutateAsync({ id: team.id })}
                    trigger={
                      <Button variant="outline" size="sm">
                        Delete
                      </Button>
                    }
                  />
                </CardAction>
              ) : null}
            </CardHeader>
            <CardContent className="space-y-3 text-sm">
              <ul aria-label={`Members of ${team.name}`} className="space-y-1">
                {team.members.length === 0 ? (
                  <li className="text-muted-foreground">No members.</li>
                ) : null}
                {team.members.map((m) => (
                  <li key={m.membershipId} className="flex items-center gap-2">
                    <span>
                      {m.name} <span className="text-muted-foreground">({m.email})</span>
                    </span>
                    {canManage ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() =>
                          remove.mutate({ teamId: team.id, membershipId: m.membershipId })
                        }
                      >
                        Remove
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
              {team.projects.length > 0 ? (
                <p className="text-muted-foreground">
                  Projects: {team.projects.map((p) => p.name).join(", ")}
                </p>
              ) : null}
              {canManage && candidates.length > 0 ? (
                <div className="flex gap-2">
                  <Select
                    value={adding[team.id] ?? ""}
                    onValueChange={(v) => setAdding((a) => ({ ...a, [team.id]: v }))}
                  >
                    <SelectTrigger aria-label={`Add a member to ${team.name}`} className="w-64">
                      <SelectValue placeholder="Add a member" />
                    </SelectTrigger>
                    <SelectContent>
                      {candidates.map((m) => (
                        <SelectItem key={m.id} value={m.id}>
                          {m.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <Button
                    variant="outline"
                    disabled={!adding[team.id]}
                    onClick={() =>
                      add.mutate({ teamId: team.id, membershipId: adding[team.id] ?? "" })
                    }
                  >
                    Add
                  </Button>
                </div>
              ) : null}
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}
