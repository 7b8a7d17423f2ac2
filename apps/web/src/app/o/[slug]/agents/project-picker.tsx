"use client";

// The agent editor's project field: a combobox searching the projects the user can see (project.list with
// `search`, the server's visibility rule), with "Whole organization" for an agent of no project. The server checks
// the choice again (a project the user cannot see is NOT_FOUND there too).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown } from "lucide-react";

import { Button } from "~/components/ui/button";
import {
  Command,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from "~/components/ui/command";
import { Popover, PopoverContent, PopoverTrigger } from "~/components/ui/popover";
import { useDebounced } from "~/lib/use-debounced";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";

const WHOLE_ORGANIZATION = "__organization";
const OPTIONS_LIMIT = 20;

export function AgentProjectPicker(props: {
  id: string;
  value: string | null;
  onChange: (projectId: string | null) => void;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [label, setLabel] = useState<string | null>(null);
  const term = useDebounced(search.trim(), 250);
  const options = useQuery({
    ...trpc.project.list.queryOptions({ search: term || undefined, limit: OPTIONS_LIMIT }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  // The saved project's name, until the user picks another (NOT_FOUND once it is no longer visible to them).
  const current = useQuery({
    ...trpc.project.get.queryOptions({ id: props.value ?? "" }),
    enabled: props.value !== null && label === null,
    retry: false,
  });
  const items = options.data?.items ?? [];
  const shown =
    props.value === null
      ? "Whole organization"
      : (label ??
        (current.data
          ? `${current.data.key} ${current.data.name}`
          : current.isError
            ? "A project you cannot see"
            : "Loading…"));
  const choose = (projectId: string | null, text: string | null) => {
    props.onChange(projectId);
    setLabel(text);
    setOpen(false);
  };

  return (
    <Popover open={open} modal onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          id={props.id}
          type="button"
          variant="outline"
          role="combobox"
          aria-expanded={open}
          className="w-full justify-between font-normal"
        >
          <span className={cn("truncate", props.value === null && "text-muted-foreground")}>
            {shown}
          </span>
          <ChevronsUpDown className="opacity-60" aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-(--radix-popover-trigger-width) min-w-72 p-0" align="start">
        {/* cmdk names its input (and list) after this label. */}
        <Command shouldFilter={false} label="Search projects">
          <CommandInput placeholder="Search projects…" value={search} onValueChange={setSearch} />
          <CommandList aria-busy={options.isFetching ? true : undefined}>
            <CommandGroup>
              <CommandItem value={WHOLE_ORGANIZATION} onSelect={() => choose(null, null)}>
                <Check
                  className={cn(props.value === null ? "opacity-100" : "opacity-0")}
                  aria-hidden="true"
                />
                Whole organization
              </CommandItem>
              {items.map((project) => (
                <CommandItem
                  key={project.id}
                  value={project.id}
                  onSelect={() => choose(project.id, `${project.key} ${project.name}`)}
                >
                  <Check
                    className={cn(props.value === project.id ? "opacity-100" : "opacity-0")}
                    aria-hidden="true"
                  />
                  <span className="truncate">
                    <span className="text-muted-foreground">{project.key}</span> {project.name}
                  </span>
                </CommandItem>
              ))}
            </CommandGroup>
          </CommandList>
          {!options.isPending && items.length === 0 ? (
            <p className="px-3 py-2 text-sm text-muted-foreground" role="status">
              {term ? "No matching projects." : "No projects yet."}
            </p>
          ) : null}
        </Command>
      </PopoverContent>
    </Popover>
  );
}
