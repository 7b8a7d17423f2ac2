"use client";

// The project task view's state in the URL (?view=table&status=TODO&q=pricing&sort=due), so a view is shareable
// and survives a reload. Writes replace the URL through the router (no history entry per change); the table keeps
// its own filter state, so typing in the search box never waits on the navigation.
import type { ColumnFiltersState } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

import type { TListTasksInput } from "@tenantry/validators";
import { TASK_SORTS } from "@tenantry/validators";

export type TaskSort = NonNullable<TListTasksInput["sort"]>;

/** URL parameter of each table filter (by column id). */
const FILTER_PARAMS: Record<string, string> = {
  title: "q",
  status: "status",
  priority: "priority",
  assignees: "assignee",
  tags: "tag",
};

export function useTaskViewParams() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const replaceParams = (edit: (next: URLSearchParams) => void) => {
    // From the live URL, not the render's params: two quick changes must not undo each other.
    const next = new URLSearchParams(window.location.search);
    edit(next);
    const query = next.toString();
    router.replace(`${pathname}${query ? `?${query}` : ""}`, { scroll: false });
  };
  const view = params.get("view") === "table" ? "table" : "board";
  const sortParam = params.get("sort");
  const sort: TaskSort = TASK_SORTS.find((s) => s === sortParam) ?? "newest";
  const filters: ColumnFiltersState = Object.entries(FILTER_PARAMS).flatMap(([id, name]) => {
    const value = params.get(name);
    return value ? [{ id, value }] : [];
  });
  return {
    view,
    sort,
    filters,
    setView: (next: "board" | "table") =>
      replaceParams((p) => (next === "table" ? p.set("view", "table") : p.delete("view"))),
    setSort: (next: TaskSort) =>
      replaceParams((p) => (next === "newest" ? p.delete("sort") : p.set("sort", next))),
    setFilters: (next: ColumnFiltersState) =>
      replaceParams((p) => {
        for (const name of Object.values(FILTER_PARAMS)) p.delete(name);
        for (const filter of next) {
          const name = FILTER_PARAMS[filter.id];
          if (name && typeof filter.value === "string" && filter.value) p.set(name, filter.value);
        }
      }),
  };
}
