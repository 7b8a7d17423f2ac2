"use client";

// Agents: the list (members see active ones; managers also deactivated ones) and, with agent.manage, the editor
// for a new or existing agent plus deactivate / reactivate.
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Bot } from "lucide-react";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { ItemList } from "~/components/lists/item-list";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { AgentEditor } from "./agent-editor";

export function AgentsManager(props: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const manage = useCan("agent.manage");
  const canManage = props.canManage && manage.allowed;
  const { data: agents } = useSuspenseQuery(
    trpc.agent.list.queryOptions({ includeInactive: props.canManage }),
  );
  // null: no editor open; "new": creating; otherwise the id of the agent being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.agent.pathFilter());
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const deactivate = useMutation(
    trpc.agent.deactivate.mutationOptions({
      onSuccess: async (agent) => {
        toast.success(`“${agent.name}” deactivated`);
        await refresh();
      },
      onError,
    }),
  );
  const reactivate = useMutation(
    trpc.agent.reactivate.mutationOptions({
      onSuccess: async (agent) => {
        toast.success(`“${agent.name}” reactivated`);
        await refresh();
      },
      onError,
    }),
  );
  const current = editing && editing !== "new" ? agents.find((a) => a.id === editing) : undefined;

  return (
    <div className="max-w-4xl space-y-6">
      <UnavailableNote reason={props.canManage ? manage.reason : null} />
      {canManage && editing === null ? (
        <Button onClick={() => setEditing("new")}>New agent</Button>
      ) : null}
      {canManage && (editing === "new" || current) ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{current ? `Edit “${current.name}”` : "New agent"}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <AgentEditor
              key={current?.id ?? "new"}
              agent={current ?? null}
              onDone={() => setEditing(null)}
            />
          </CardContent>
        </Card>
      ) : null}
      <ItemList
        label="Agents"
        items={agents}
        keyOf={(agent) => agent.id}
        rowTestId="agent-row"
        empty={{
          icon: Bot,
          title: "No agents yet",
          description: canManage
            ? "Create an agent: pick a model, write its instructions, attach documents."
            : "Ask an owner or admin to configure an agent.",
        }}
      >
        {(agent) => (
          <>
            <Bot className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <span className="font-medium">{agent.name}</span>
            <Badge variant="outline">{agent.type}</Badge>
            <span className="text-xs text-muted-foreground">
              {agent.model || "default model"} · {agent.documents.length}{" "}
              {agent.documents.length === 1 ? "document" : "documents"}
              {agent.enabledTools.length > 0 ? ` · tools: ${agent.enabledTools.join(", ")}` : ""}
            </span>
            {agent.active ? null : <Badge variant="secondary">Inactive</Badge>}
            {canManage ? (
              <span className="ml-auto flex gap-1">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Edit ${agent.name}`}
                  onClick={() => setEditing(agent.id)}
                >
                  Edit
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={deactivate.isPending || reactivate.isPending}
                  aria-label={`${agent.active ? "Deactivate" : "Reactivate"} ${agent.name}`}
                  onClick={() =>
                    agent.active
                      ? deactivate.mutate({ id: agent.id })
                      : reactivate.mutate({ id: agent.id })
                  }
                >
                  {agent.active ? "Deactivate" : "Reactivate"}
                </Button>
              </span>
            ) : null}
          </>
        )}
      </ItemList>
    </div>
  );
}
