"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";

import { CommandDialog, CommandEmpty, CommandInput, CommandList } from "~/components/ui/command";
import { useTRPC } from "~/trpc/react";
import { commandSources, prefetchCommandSources } from "./command-sources";
import { rankCommand } from "./palette-ranking";
import { useShell } from "./shell-context";

/** ⌘K / Ctrl+K palette: jump to projects, pages and settings. */
export function CommandPalette() {
  const router = useRouter();
  const { organization, paletteOpen, setPaletteOpen } = useShell();
  const queryClient = useQueryClient();
  const trpc = useTRPC();

  // Warm the sources' queries once the page is idle, so the palette opens with its items (and the first one
  // selected) instead of filling in under the user.
  useEffect(() => {
    const id = setTimeout(() => prefetchCommandSources(queryClient, trpc), 1500);
    return () => clearTimeout(id);
  }, [queryClient, trpc]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setPaletteOpen(!paletteOpen);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [paletteOpen, setPaletteOpen]);

  const go = (href: string) => {
    setPaletteOpen(false);
    router.push(href);
  };
  const run = (action: () => void) => {
    setPaletteOpen(false);
    action();
  };

  return (
    <CommandDialog
      open={paletteOpen}
      onOpenChange={setPaletteOpen}
      title="Command palette"
      description="Jump to a project, a task, a page or a setting, or run an action"
      filter={rankCommand}
    >
      <CommandInput placeholder="Search tasks, projects, pages and actions…" aria-label="Search" />
      <CommandList>
        <CommandEmpty>No results found.</CommandEmpty>
        {paletteOpen
          ? commandSources.map((Source, i) => (
              <Source key={i} slug={organization.slug} go={go} run={run} />
            ))
          : null}
      </CommandList>
    </CommandDialog>
  );
}
