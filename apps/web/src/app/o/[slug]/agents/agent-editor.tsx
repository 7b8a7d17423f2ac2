"use client";

// The agent editor: name, type (an open list with suggestions), project (or the whole organization), model,
// temperature, max tokens, system prompt, enabled tools (the registry agent.options serves) and attached knowledge
// documents. Creates or updates; the server validates everything again.
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";

import type { TAgentOutput, TAgentTool } from "@tenantry/validators";

import { errorMessage } from "~/components/forms/form";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { Textarea } from "~/components/ui/textarea";
import { useTRPC } from "~/trpc/react";
import { AgentProjectPicker } from "./project-picker";

function toggle<T extends string>(list: T[], value: T, on: boolean): T[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

export function AgentEditor(props: { agent: TAgentOutput | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: options } = useSuspenseQuery(trpc.agent.options.queryOptions());
  const { data: documents } = useSuspenseQuery(trpc.knowledge.list.queryOptions());
  const initial = props.agent;
  const [name, setName] = useState(initial?.name ?? "");
  const [type, setType] = useState(initial?.type ?? "documentation");
  const [projectId, setProjectId] = useState<string | null>(initial?.projectId ?? null);
  const [model, setModel] = useState(initial?.model ?? "");
  const [temperature, setTemperature] = useState(String(initial?.temperature ?? 0.2));
  const [maxTokens, setMaxTokens] = useState(String(initial?.maxTokens ?? 1024));
  const [systemPrompt, setSystemPrompt] = useState(initial?.systemPrompt ?? "");
  const [tools, setTools] = useState<TAgentTool[]>(
    (initial?.enabledTools ?? ["knowledge.search"]).filter((name): name is TAgentTool =>
      options.tools.some((tool) => tool.name === name),
    ),
  );
  const [documentIds, setDocumentIds] = useState<string[]>(
    initial?.documents.map((d) => d.id) ?? [],
  );

  const done = async (agent: TAgentOutput, verb: string) => {
    toast.success(`Agent “${agent.name}” ${verb}`);
    await queryClient.invalidateQueries(trpc.agent.pathFilter());
    props.onDone();
  };
  const create = useMutation(
    trpc.agent.create.mutationOptions({ onSuccess: (agent) => done(agent, "created") }),
  );
  const update = useMutation(
    trpc.agent.update.mutationOptions({ onSuccess: (agent) => done(agent, "saved") }),
  );
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  const values = () => ({
    name,
    type,
    projectId,
    model,
    temperature: Number(temperature),
    maxTokens: Number(maxTokens),
    systemPrompt,
    enabledTools: tools,
    documentIds,
  });

  return (
    <form
      className="space-y-4"
      aria-label="Agent settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (initial) update.mutate({ id: initial.id, ...values() });
        else create.mutate(values());
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <Label htmlFor="agent-name">Name</Label>
          <Input
            id="agent-name"
            required
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="agent-type">Type</Label>
          <Input
            id="agent-type"
            required
            maxLength={40}
            list="agent-type-suggestions"
            value={type}
            onChange={(e) => setType(e.target.value)}
          />
          <datalist id="agent-type-suggestions">
            {options.types.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <div className="space-y-1">
          <Label htmlFor="agent-project">Project</Label>
          <AgentProjectPicker id="agent-project" value={projectId} onChange={setProjectId} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="agent-model">Model</Label>
          <Input
            id="agent-model"
            maxLength={120}
            placeholder="Deployment default"
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
        </div>
        <div className="grid grid-cols-2 gap-4">
          <div className="space-y-1">
            <Label htmlFor="agent-temperature">Temperature</Label>
            <Input
              id="agent-temperature"
              type="number"
              min={0}
              max={2}
              step={0.1}
              value={temperature}
              onChange={(e) => setTemperature(e.target.value)}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor="agent-max-tokens">Max tokens</Label>
            <Input
              id="agent-max-tokens"
              type="number"
              min={1}
              max={32000}
              step={1}
              value={maxTokens}
              onChange={(e) => setMaxTokens(e.target.value)}
            />
          </div>
        </div>
      </div>
      <div className="space-y-1">
        <Label htmlFor="agent-system-prompt">System prompt</Label>
        <Textarea
          id="agent-system-prompt"
          rows={5}
          maxLength={20000}
          placeholder="You answer questions about our handbook. Cite the passages you use."
          value={systemPrompt}
          onChange={(e) => setSystemPrompt(e.target.value)}
        />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Tools</legend>
        {options.tools.map((tool) => (
          <label key={tool.name} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={tools.includes(tool.name)}
              onChange={(e) => setTools(toggle(tools, tool.name, e.target.checked))}
            />
            {tool.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Knowledge documents</legend>
        {documents.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No documents yet: upload some in the knowledge base.
          </p>
        ) : (
          documents.map((doc) => (
            <label key={doc.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={documentIds.includes(doc.id)}
                onChange={(e) => setDocumentIds(toggle(documentIds, doc.id, e.target.checked))}
              />
              {doc.name}
              <span className="text-xs text-muted-foreground">({doc.status.toLowerCase()})</span>
            </label>
          ))
        )}
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-destructive-text">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial ? "Save agent" : "Create agent"}
        </Button>
        <Button type="button" variant="outline" onClick={props.onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
