// Ranking of the ⌘K palette's items (cmdk's `filter`). cmdk's default fuzzy score lets a settings page whose
// keywords happen to contain the typed letters outrank the task whose title is exactly what was typed; here an
// exact name wins, then a name that starts with the text, then a word that does, then server matches (tasks, which
// the server already found by full text), then fuzzy matches.
import { defaultFilter } from "cmdk";

/** Items' values start with their kind: "task <id>", "project <id>", "nav …", "action …", "theme …". */
export function rankCommand(value: string, search: string, keywords?: string[]): number {
  const needle = search.trim().toLowerCase();
  if (!needle) return 1;
  const names = (keywords ?? []).map((k) => k.toLowerCase());
  const serverMatch = value.startsWith("task ");
  // Results (tasks, projects) edge out pages and actions with the same name.
  const bonus = serverMatch || value.startsWith("project ") ? 0.01 : 0;
  if (names.some((n) => n === needle)) return 0.98 + bonus;
  if (names.some((n) => n.startsWith(needle))) return 0.9 + bonus;
  if (names.some((n) => n.split(/[\s›/-]+/).some((word) => word.startsWith(needle))))
    return 0.8 + bonus;
  if (serverMatch) return 0.6;
  return defaultFilter(value, search, keywords) * 0.5;
}
