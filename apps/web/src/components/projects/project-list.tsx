"use client";

import Link from "next/link";
import { useState } from "react";
import { useQueries, useSuspenseQuery } from "@tanstack/react-query";
import { FolderKanban, MoreHorizontal, Pencil, SearchX, Trash2 } from "lucide-react";

import type { ProjectOutput } from "~/trpc/outputs";
import { useShell } from "~/components/shell/shell-context";
import { Button } from "~/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { EmptyState } from "~/components/ui/empty-state";
import { Input } from "~/components/ui/input";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";
import { PROJECTS_PAGE_SIZE } from "./constants";
import { CreateProjectDialog, DeleteProjectDialog, EditProjectDialog } from "./project-dialogs";

/** The projects of the organization as cards, with a filter and server ("load more") pagination. */
export function ProjectList() {
  const trpc = useTRPC();
  const canEdit = useCan("project.update").allowed;
  const canDelete = useCan("project.delete").allowed;
  // Page 1 is prefetched on the server; "Load more" adds pages by cursor (server pagination).
  const first = useSuspenseQuery(trpc.project.list.queryOptions({ limit: PROJECTS_PAGE_SIZE }));
  const [cursors, setCursors] = useState<string[]>([]);
  const more = useQueries({
    queries: cursors.map((cursor) =>
      trpc.project.list.queryOptions({ limit: PROJECTS_PAGE_SIZE, cursor }),
    ),
  });
  const pages = [first.data, ...more.flatMap((q) => (q.data ? [q.data] : []))];
  const nextCursor = pages[pages.length - 1]?.nextCursor ?? null;
  const loadingMore = more.some((q) => q.isPending);
  const [filter, setFilter] = useState("");
  const projects = pages.flatMap((page) => page.items);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? projects.filter(
        (p) =>
          p.name.toLowerCase().includes(needle) || p.description.toLowerCase().includes(needle),
      )
    : projects;

  if (projects.length === 0) {
    return (
      <EmptyState
        icon={FolderKanban}
        title="No projects yet"
        description="Projects hold your organization's work. Create the first one to get started."
        action={<CreateProjectDialog label="Create project" />}
      />
    );
  }

  return (
    <div className="space-y-4">
      <Input
        type="search"
        aria-label="Filter projects"
        placeholder="Filter projects…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className="max-w-xs"
      />
      {shown.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title="No matching projects"
          description={`No project name or description contains “${filter.trim()}”.`}
          action={
            <Button variant="outline" onClick={() => setFilter("")}>
              Clear filter
            </Button>
          }
        />
      ) : (
        <ul aria-label="Projects" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {shown.map((project) => (
            <ProjectCard
              key={project.id}
              project={project}
              canEdit={canEdit}
              canDelete={canDelete}
            />
          ))}
        </ul>
      )}
      {nextCursor !== null || loadingMore ? (
        <div className="flex justify-center">
          <Button
            variant="outline"
            pending={loadingMore}
            onClick={() => {
              if (nextCursor) setCursors((list) => [...list, nextCursor]);
            }}
          >
            Load more projects
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function ProjectCard(props: { project: ProjectOutput; canEdit: boolean; canDelete: boolean }) {
  const { formatDate } = useDates();
  const { organization } = useShell();
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const { project } = props;
  return (
    <li className="group relative flex min-h-32 flex-col gap-2 rounded-xl border bg-card p-4 shadow-xs transition-colors focus-within:border-ring hover:border-primary/40">
      <div className="flex items-start justify-between gap-2">
        <h2 className="min-w-0 text-base leading-6 font-semibold">
          <Link
            href={`/o/${organization.slug}/projects/${project.id}`}
            className="block truncate rounded-sm outline-none after:absolute after:inset-0 after:rounded-xl focus-visible:underline"
          >
            {project.name}
          </Link>
        </h2>
        {props.canEdit || props.canDelete ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button
                variant="ghost"
                size="icon-sm"
                className="relative z-10 -mt-1 -mr-1 shrink-0"
                aria-label={`Actions for ${project.name}`}
              >
                <MoreHorizontal aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              {props.canEdit ? (
                <DropdownMenuItem onSelect={() => setDialog("edit")}>
                  <Pencil aria-hidden="true" />
                  Edit…
                </DropdownMenuItem>
              ) : null}
              {props.canEdit && props.canDelete ? <DropdownMenuSeparator /> : null}
              {props.canDelete ? (
                <DropdownMenuItem variant="destructive" onSelect={() => setDialog("delete")}>
                  <Trash2 aria-hidden="true" />
                  Delete…
                </DropdownMenuItem>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {project.description ? (
        <p className="line-clamp-2 text-sm text-muted-foreground">{project.description}</p>
      ) : (
        <p className="text-sm text-muted-foreground italic">No description</p>
      )}
      <p className="mt-auto text-xs text-muted-foreground">
        Updated {formatDate(project.updatedAt)}
      </p>
      <EditProjectDialog
        project={project}
        open={dialog === "edit"}
        onOpenChange={(open) => setDialog(open ? "edit" : null)}
      />
      <DeleteProjectDialog
        project={project}
        open={dialog === "delete"}
        onOpenChange={(open) => setDialog(open ? "delete" : null)}
      />
    </li>
  );
}
