"use client";

// Sources of the ⌘K palette. Each is a component rendering one <CommandGroup>; add a source (e.g. tasks) by
// writing one and appending it to `commandSources`. Sources fetch only while the palette is open.
import type { QueryClient } from "@tanstack/react-query";
import type { LucideIcon } from "lucide-react";
import { usePathname } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCommandState } from "cmdk";
import {
  Building2,
  FolderKanban,
  Keyboard,
  ListTodo,
  Monitor,
  Moon,
  Plus,
  Sun,
  UserPlus,
  UserRound,
} from "lucide-react";
import { useTheme } from "next-themes";

import { PROJECTS_PAGE_SIZE } from "~/components/projects/constants";
import { useShell } from "~/components/shell/shell-context";
import { openShortcutSheet } from "~/components/shell/shortcuts";
import { PALETTE_TASK_LIMIT } from "~/components/tasks/constants";
import { CommandGroup, CommandItem } from "~/components/ui/command";
import { visibleNav } from "~/config/nav";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

export interface CommandSourceProps {
  slug: string;
  /** Navigates and closes the palette. */
  go: (href: string) => void;
  /** Runs an action and closes the palette. */
  run: (action: () => void) => void;
}

function Entry(props: {
  value: string;
  icon: LucideIcon;
  label: string;
  keywords?: string[];
  onSelect: () => void;
}) {
  const Icon = props.icon;
  return (
    <CommandItem value={props.value} keywords={props.keywords} onSelect={props.onSelect}>
      <Icon aria-hidden="true" />
      <span className="truncate">{props.label}</span>
    </CommandItem>
  );
}

const PROJECT_LIMIT = PROJECTS_PAGE_SIZE;

export function ProjectCommands(props: CommandSourceProps) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.project.list.queryOptions({ limit: PROJECT_LIMIT }));
  const canCreate = useCan("project.create", { limit: "projects" }).allowed;
  return (
    <CommandGroup heading="Projects">
      {(data?.items ?? []).map((project) => (
        <Entry
          key={project.id}
          value={`project ${project.id}`}
          keywords={[project.name, "project"]}
          icon={FolderKanban}
          label={project.name}
          onSelect={() => props.go(`/o/${props.slug}/projects/${project.id}`)}
        />
      ))}
      {canCreate ? (
        <Entry
          value="action create project"
          keywords={["new project", "create project", "add"]}
          icon={Plus}
          label="Create project…"
          onSelect={() => props.go(`/o/${props.slug}/projects?new=1`)}
        />
      ) : null}
    </CommandGroup>
  );
}

/** Tasks matching the palette's text (full-text search on the server); nothing until two characters are typed. */
export function TaskCommands(props: CommandSourceProps) {
  const trpc = useTRPC();
  // The palette's typed text, read from cmdk's own state (the source renders inside <Command>).
  const search = useCommandState((state) => state.search).trim();
  const canRead = useCan("task.read").allowed;
  const { data } = useQuery({
    ...trpc.task.list.queryOptions({ search, limit: PALETTE_TASK_LIMIT }),
    enabled: canRead && search.length >= 2,
    placeholderData: keepPreviousData,
  });
  if (search.length < 2 || !data || data.items.length === 0) return null;
  return (
    <CommandGroup heading="Tasks">
      {data.items.map((task) => (
        <Entry
          key={task.id}
          value={`task ${task.id}`}
          // The server already matched (rankCommand keeps these); title and reference rank exact matches first.
          keywords={[task.title, task.reference, `${task.reference} ${task.title}`]}
          icon={ListTodo}
          label={`${task.reference} ${task.title}`}
          onSelect={() => props.go(`/o/${props.slug}/projects/${task.projectId}/tasks/${task.id}`)}
        />
      ))}
    </CommandGroup>
  );
}

const PROJECT_PATH = /^\/o\/[^/]+\/projects\/([0-9a-f-]{36})/i;

/** New task (in the project on screen, else the first project), invite, switch organization, shortcuts. */
export function ActionCommands(props: CommandSourceProps) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const projects = useQuery(trpc.project.list.queryOptions({ limit: PROJECT_LIMIT }));
  const organizations = useQuery(trpc.organization.mine.queryOptions());
  const canCreateTask = useCan("task.create").allowed;
  const canInvite = useCan("member.invite", { limit: "members" }).allowed;
  const projectId = PROJECT_PATH.exec(pathname)?.[1] ?? projects.data?.items[0]?.id;
  return (
    <CommandGroup heading="Actions">
      {canCreateTask && projectId ? (
        <Entry
          value="action new task"
          keywords={["new task", "create task", "add task", "issue"]}
          icon={Plus}
          label="New task…"
          onSelect={() => props.go(`/o/${props.slug}/projects/${projectId}?new=task`)}
        />
      ) : null}
      {canInvite ? (
        <Entry
          value="action invite member"
          keywords={["invite member", "invite", "add member", "people"]}
          icon={UserPlus}
          label="Invite a member…"
          onSelect={() => props.go(`/o/${props.slug}/settings/members#invite-email`)}
        />
      ) : null}
      {(organizations.data ?? [])
        .filter((o) => o.slug !== props.slug && o.status !== "DELETED")
        .map((o) => (
          <Entry
            key={o.id}
            value={`action switch ${o.id}`}
            keywords={[`switch to ${o.name}`, o.name, "switch organization"]}
            icon={Building2}
            label={`Switch to ${o.name}`}
            onSelect={() => props.go(`/o/${o.slug}/home`)}
          />
        ))}
      <Entry
        value="action shortcuts"
        keywords={["keyboard shortcuts", "shortcuts", "keys", "help"]}
        icon={Keyboard}
        label="Keyboard shortcuts"
        onSelect={() => props.run(openShortcutSheet)}
      />
    </CommandGroup>
  );
}

export function NavigationCommands(props: CommandSourceProps) {
  const items = visibleNav(useShell().access.permissions);
  return (
    <CommandGroup heading="Go to">
      {items.map((item) => (
        <Entry
          key={item.title}
          value={`nav ${item.title}`}
          keywords={[item.title, ...(item.keywords ?? []), item.section ?? "page"]}
          icon={item.icon}
          label={item.section === "settings" ? `Settings › ${item.title}` : item.title}
          onSelect={() => props.go(item.href(props.slug))}
        />
      ))}
      <Entry
        value="nav profile settings"
        keywords={["profile", "account", "settings", "me"]}
        icon={UserRound}
        label="Settings › Profile"
        onSelect={() => props.go("/settings/profile")}
      />
    </CommandGroup>
  );
}

export function ThemeCommands(props: CommandSourceProps) {
  const { setTheme } = useTheme();
  return (
    <CommandGroup heading="Theme">
      <Entry
        value="theme light"
        keywords={["appearance", "light"]}
        icon={Sun}
        label="Light theme"
        onSelect={() => props.run(() => setTheme("light"))}
      />
      <Entry
        value="theme dark"
        keywords={["appearance", "dark"]}
        icon={Moon}
        label="Dark theme"
        onSelect={() => props.run(() => setTheme("dark"))}
      />
      <Entry
        value="theme system"
        keywords={["appearance", "system", "auto"]}
        icon={Monitor}
        label="System theme"
        onSelect={() => props.run(() => setTheme("system"))}
      />
    </CommandGroup>
  );
}

/** Loads what the sources will ask for (called shortly after the shell mounts); add your source's queries. */
export function prefetchCommandSources(
  queryClient: QueryClient,
  trpc: ReturnType<typeof useTRPC>,
): void {
  void queryClient.prefetchQuery(trpc.project.list.queryOptions({ limit: PROJECT_LIMIT }));
}

/** In display order. */
export const commandSources: React.ComponentType<CommandSourceProps>[] = [
  ProjectCommands,
  TaskCommands,
  ActionCommands,
  NavigationCommands,
  ThemeCommands,
];
