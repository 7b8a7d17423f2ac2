// The API requests bench:http measures (BENCH_ONLY picks among them), and which servers answer each.
import type { RawResponse } from "./http-client.ts";
import type { LoadRequest } from "./load.ts";
import type { Target, VariantId } from "./report.ts";
import type { SeededOrg } from "./seed.ts";
import type { RunningServer } from "./servers.ts";
import { CONFIG, env } from "./config.ts";
import { request } from "./http-client.ts";

const trpcPath = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

export interface VariantDef {
  id: VariantId;
  label: string;
  /** The request for one measured organization (its API client's token in `token`). */
  request(org: SeededOrg, token: string): LoadRequest;
  targets: Target[];
}

const authHeaders = (org: SeededOrg, token: string) => ({
  authorization: `Bearer ${token}`,
  "x-tenantry-org": org.id,
});

const ALL_VARIANTS: VariantDef[] = [
  {
    id: "task.list",
    label: "`task.list`, first 50 tasks of a project",
    request: (org, token) => ({
      path: trpcPath("task.list", { projectId: org.boardProjectId, limit: CONFIG.page }),
      headers: authHeaders(org, token),
    }),
    targets: ["product", "floor", "floor-one-statement"],
  },
  {
    id: "project.list",
    label: "`project.list`, first page (50)",
    request: (org, token) => ({
      path: trpcPath("project.list", { limit: CONFIG.page }),
      headers: authHeaders(org, token),
    }),
    targets: ["product", "floor"],
  },
  {
    id: "health",
    label: "`/api/health`",
    request: () => ({ path: "/api/health" }),
    targets: ["product", "floor"],
  },
];

export const VARIANTS = ALL_VARIANTS.filter((v) => !CONFIG.only || CONFIG.only.includes(v.id));
if (VARIANTS.length === 0 && !CONFIG.only?.includes("org-size"))
  throw new Error(`BENCH_ONLY names no request: ${env.BENCH_ONLY}`);

export const withTarget = (r: LoadRequest, target: Target): LoadRequest =>
  target === "floor-one-statement"
    ? { ...r, headers: { ...r.headers, "x-bench-floor": "one-statement" } }
    : r;

export function get(server: RunningServer, r: LoadRequest): Promise<RawResponse> {
  return request(server.origin, r.path, r.headers ? { headers: r.headers } : {});
}
