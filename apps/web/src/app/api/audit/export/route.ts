// GET /api/audit/export?org=<slug>&format=csv|jsonl[&actorUserId&action&targetType&targetId&from&to]: the
// organization's audit log (as the activity page filters it), streamed. Each chunk is one page read through the
// API (audit.exportPage: permission audit.export, project visibility, the tenant's RLS transaction), so the export
// is never held in memory and every page is authorized like any other request.
import type { RouterOutputs } from "@tenantry/api";
import { ZAuditFilter } from "@tenantry/validators";

import { apiRoute } from "~/server/api-route";
import { callerForRequest } from "~/server/rest";

export const dynamic = "force-dynamic";

type Entry = RouterOutputs["audit"]["exportPage"]["items"][number];

const PAGE = 100;
const COLUMNS = [
  "created_at",
  "actor",
  "actor_name",
  "action",
  "target_type",
  "target_id",
  "ip",
  "user_agent",
  "request_id",
  "metadata",
  "changes",
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets never run a cell as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function row(entry: Entry): Record<(typeof COLUMNS)[number], string> {
  return {
    created_at: entry.createdAt.toISOString(),
    actor: entry.actorKind,
    actor_name: entry.actor?.name ?? "",
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? "",
    ip: entry.ip,
    user_agent: entry.userAgent,
    request_id: entry.requestId,
    metadata: JSON.stringify(entry.metadata),
    changes: JSON.stringify(entry.changes),
  };
}

export const GET = apiRoute(async (req, { requestId }) => {
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "jsonl" ? "jsonl" : "csv";
  const parsed = ZAuditFilter.safeParse(
    Object.fromEntries(
      [...url.searchParams].filter(([key]) => key !== "org" && key !== "format" && key !== "limit"),
    ),
  );
  if (!parsed.success) {
    return Response.json(
      { error: { code: "BAD_REQUEST", message: "Invalid export filter", requestId } },
      { status: 400 },
    );
  }
  const filter = parsed.data;
  const caller = await callerForRequest(req, requestId);
  // The first page is read before the response starts, so a refusal is an HTTP error, not a truncated file.
  let page = await caller.audit.exportPage({ ...filter, limit: PAGE });
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines: string[] = [];
      if (!started && format === "csv") lines.push(COLUMNS.join(","));
      started = true;
      for (const entry of page.items) {
        const r = row(entry);
        lines.push(
          format === "csv"
            ? COLUMNS.map((c) => csvCell(r[c])).join(",")
            : JSON.stringify({ ...r, metadata: entry.metadata, changes: entry.changes }),
        );
      }
      if (lines.length > 0) controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
      if (!page.nextCursor) {
        controller.close();
        return;
      }
      page = await caller.audit.exportPage({ ...filter, limit: PAGE, cursor: page.nextCursor });
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
      "content-disposition": `attachment; filename="audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
