"use client";

// The parent-task picker of the task dialogs and of the task page's Parent pill: a combobox that searches the
// project's tasks on the server (task.list with `search`), with a "No parent" choice. The server refuses cycles and
// tasks of other projects; the dialogs show that error on this field, the pill in its toast.
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown } from "lucide-react";

import { FormControl } from "~/components/forms/form";
import { Button } from "~/components/ui/button";
import {
  Command,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from "~/components/ui/command";
import { Popover, PopoverContent, PopoverTrigger } from "~/components/ui/popover";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { PARENT_OPTIONS_LIMIT } from "./constants";

const NO_PARENT = "__none";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function ParentTaskPicker({
  ref,
  ...props
}: {
  projectId: string;
  /** The task being edited: never offered as its own parent. */
  taskId?: string;
  value: string | null | undefined;
  /** "WEB-3 Title" of the current parent, when there is one. */
  initialLabel?: string | null;
  onChange: (id: string | null, label: string | null) => void;
  onBlur?: () => void;
  /** Outside a form (the task page's pill): no form field to wire, and its own accessible name. */
  standalone?: { ariaLabel: string; className?: string };
  ref?: React.Ref<HTMLButtonElement>;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  // Labels of the tasks chosen here, by id: a rolled-back choice shows the previous parent's label again.
  const [labels, setLabels] = useState<Record<string, string>>({});
  const label = props.value ? (labels[props.value] ?? props.initialLabel ?? null) : null;
  const term = useDebounced(search.trim(), 250);
  const query = useQuery({
    ...trpc.task.list.queryOptions({
      projectId: props.projectId,
      search: term || undefined,
      sort: "newest",
      limit: PARENT_OPTIONS_LIMIT,
    }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const options = (query.data?.items ?? []).filter((t) => t.id !== props.taskId);
  const choose = (id: string | null, text: string | null) => {
    if (id && text) setLabels((all) => ({ ...all, [id]: text }));
    props.onChange(id, text);
    setOpen(false);
  };

  const trigger = (
    <PopoverTrigger asChild>
      <Button
        ref={ref}
        type="button"
        variant="outline"
        role="combobox"
        aria-expanded={open}
        aria-label={props.standalone?.ariaLabel}
        className={cn("w-full justify-between font-normal", props.standalone?.className)}
      >
        <span className={cn("truncate", !props.value && "text-muted-foreground")}>
          {props.value ? (label ?? "Selected task") : "No parent"}
        </span>
        <ChevronsUpDown className="opacity-60" aria-hidden="true" />
      </Button>
    </PopoverTrigger>
  );

  return (
    <Popover
      open={open}
      modal
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) props.onBlur?.();
      }}
    >
      {props.standalone ? trigger : <FormControl>{trigger}</FormControl>}
      <PopoverContent className="w-(--radix-popover-trigger-width) min-w-72 p-0" align="start">
        {/* cmdk names its input (and list) after this label. */}
        <Command shouldFilter={false} label="Search parent tasks">
          <CommandInput placeholder="Search tasks…" value={search} onValueChange={setSearch} />
          <CommandList aria-busy={query.isFetching ? true : undefined}>
            <CommandGroup>
              <CommandItem value={NO_PARENT} onSelect={() => choose(null, null)}>
                <Check
                  className={cn(props.value ? "opacity-0" : "opacity-100")}
                  aria-hidden="true"
                />
                No parent
              </CommandItem>
              {options.map((task) => {
                const text = `${task.reference} ${task.title}`;
                return (
                  <CommandItem key={task.id} value={task.id} onSelect={() => choose(task.id, text)}>
                    <Check
                      className={cn(props.value === task.id ? "opacity-100" : "opacity-0")}
                      aria-hidden="true"
                    />
                    <span className="truncate">
                      <span className="text-muted-foreground">{task.reference}</span> {task.title}
                    </span>
                  </CommandItem>
                );
              })}
            </CommandGroup>
          </CommandList>
          {/* Outside the listbox ("No parent" is always an option, so cmdk's Empty would never show). */}
          {!query.isPending && options.length === 0 ? (
            <p className="px-3 py-2 text-sm text-muted-foreground" role="status">
              {term ? "No matching tasks." : "No other tasks yet."}
            </p>
          ) : null}
        </Command>
      </PopoverContent>
    </Popover>
  );
}
