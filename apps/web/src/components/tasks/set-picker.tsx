"use client";

// A searchable, keyboard-operable multi-select in a popover (assignees, tags): the inline pills save each toggle,
// the create dialog keeps the ids in its form.
import { useState } from "react";
import { Check, Plus } from "lucide-react";

import { useShortcut } from "~/components/shell/use-shortcut";
import { Button } from "~/components/ui/button";
import {
  Command,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from "~/components/ui/command";
import { Popover, PopoverContent, PopoverTrigger } from "~/components/ui/popover";
import { cn } from "~/lib/utils";

export interface PickerOption {
  id: string;
  name: string;
  color?: string;
}

/** A searchable, keyboard-operable multi-select in a popover; each toggle reports the new set. */
export function SetPicker(props: {
  label: string;
  options: PickerOption[];
  selected: string[];
  summary: string;
  shortcut?: string;
  /** The trigger's accessible name; defaults to "<label>: <summary>". */
  ariaLabel?: string;
  id?: string;
  className?: string;
  onChange: (ids: string[], description: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const shortcut = useShortcut(props.shortcut);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          id={props.id}
          aria-label={props.ariaLabel ?? `${props.label}: ${props.summary}`}
          {...shortcut}
          className={cn("max-w-full justify-start", props.className)}
        >
          <Plus aria-hidden="true" />
          <span className="truncate">{props.summary}</span>
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-64 p-0" align="start">
        <Command>
          <CommandInput
            placeholder={`Search ${props.label.toLowerCase()}…`}
            aria-label={`Search ${props.label.toLowerCase()}`}
          />
          <CommandList>
            <CommandEmpty>No match.</CommandEmpty>
            <CommandGroup>
              {props.options.map((option) => {
                const on = props.selected.includes(option.id);
                return (
                  <CommandItem
                    key={option.id}
                    value={option.id}
                    keywords={[option.name]}
                    data-checked={on ? "true" : undefined}
                    onSelect={() => {
                      const next = on
                        ? props.selected.filter((id) => id !== option.id)
                        : [...props.selected, option.id];
                      props.onChange(next, `${on ? "removed" : "added"} ${option.name}`);
                    }}
                  >
                    <Check className={on ? "opacity-100" : "opacity-0"} aria-hidden="true" />
                    {option.color ? (
                      <span
                        aria-hidden="true"
                        className="size-2 rounded-full"
                        style={{ backgroundColor: option.color }}
                      />
                    ) : null}
                    <span className="truncate">{option.name}</span>
                    <span className="sr-only">{on ? "(selected)" : ""}</span>
                  </CommandItem>
                );
              })}
            </CommandGroup>
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
