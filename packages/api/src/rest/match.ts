// Finds the registry route of a method and path. Literal segments win over parameters (/tasks/bulk before
// /tasks/{id}) whatever the registry's order; a path that exists under another method is 405 with Allow.
import type { RestRoute } from "./routes.ts";
import { RestProblem } from "./problem.ts";
import { REST_ROUTES } from "./routes.ts";

export interface Match {
  route: RestRoute;
  params: Record<string, string>;
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? "";
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) {
      if (segment === "") return null;
      params[name] = decodeURIComponent(segment);
    } else if (part !== segment) return null;
  }
  return params;
}

/** How literal a pattern is, segment by segment: compared left to right, a literal beats a parameter. */
const literalness = (pattern: string) =>
  pattern
    .split("/")
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? "0" : "1"))
    .join("");

export function matchRoute(method: string, path: string, routes = REST_ROUTES): Match {
  const segments = path.split("/").filter(Boolean);
  const candidates = routes
    .map((route) => ({ route, params: matchPath(route.path, segments) }))
    .filter((m): m is Match => m.params !== null)
    .sort((a, b) => literalness(b.route.path).localeCompare(literalness(a.route.path)));
  const best = candidates[0];
  if (!best) throw new RestProblem(404, "not-found", "Not found", `No route ${path}`);
  const samePath = candidates.filter((c) => c.route.path === best.route.path);
  const found = samePath.find((c) => c.route.method === method);
  if (found) return found;
  const allowed = samePath.map((c) => c.route.method).join(", ");
  throw new RestProblem(405, "method-not-allowed", "Method not allowed", `Allowed: ${allowed}`);
}
