"use client";

import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

import { useTRPC } from "~/trpc/react";

export function ProjectList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.project.list.queryOptions({ limit: 50 }));
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: async () => {
        setName("");
        setError(null);
        await queryClient.invalidateQueries(trpc.project.list.pathFilter());
      },
      onError: (e) => {
        const fieldError =
          e instanceof TRPCClientError
            ? (e.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)
                ?.zodError?.fieldErrors?.name?.[0]
            : undefined;
        setError(fieldError ?? e.message);
      },
    }),
  );

  return (
    <section>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name });
        }}
      >
        <label>
          New project name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
        </label>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </form>
      {data.items.length === 0 ? (
        <p className="muted">No projects yet. Create the first one above.</p>
      ) : (
        <ul className="cards" aria-label="Projects">
          {data.items.map((project) => (
            <li key={project.id}>
              <strong>{project.name}</strong>
              {project.description ? <div className="muted">{project.description}</div> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
