// GET /api/audit/export against the production build: refused without a session (401) and without audit.export
// (a MEMBER: 403), scoped to the organization it names (another organization's entries never appear; a
// non-member's request for it is refused), and streamed (chunked, several pages of 100) as well-formed CSV and JSON
// lines that agree with each other and with the filter.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin } from "../../support/auth";
import { acmeOwner, inviteFromMembersPage, newVerifiedUser } from "../ui/org-helpers";

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
];

/** RFC 4180: quoted fields may hold commas, doubled quotes and newlines. Throws on a malformed document. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        if (text[i + 1] !== "," && text[i + 1] !== "\n") throw new Error(`stray quote at ${i}`);
      } else field += c;
    } else if (c === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted || field !== "" || row.length > 0) throw new Error("document does not end a record");
  return rows;
}

async function trpcMutation<T>(page: Page, slug: string, path: string, json: unknown) {
  const res = await page.request.post(`/api/trpc/${path}`, {
    headers: { "x-tenantry-org": slug, ...sameOrigin() },
    data: { json },
  });
  expect(res.status(), path).toBe(200);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

const exportOf = (request: APIRequestContext, query: string) =>
  request.get(`/api/audit/export?${query}`);

test("the audit export is authenticated, permission-checked, organization-scoped and streamed", async ({
  browser,
  playwright,
}) => {
  // A sign-up, 106 writes and an invitation on a shared 2-core machine.
  test.setTimeout(180_000);
  const anonymous = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  expect((await exportOf(anonymous, "org=acme&format=csv")).status()).toBe(401);
  await anonymous.dispose();

  const stamp = Date.now();
  const email = `auditor-${stamp}@example.test`;
  const auditor = await newVerifiedUser(browser, {
    name: "Ada Auditor",
    email,
    organization: `Audit Co ${stamp}`,
  });
  await auditor.goto("/");
  await expect(auditor).toHaveURL(/\/o\/[^/]+\//);
  const slug = new URL(auditor.url()).pathname.split("/")[2] ?? "";

  // More than one page of entries (the route streams pages of 100).
  const key = `A${stamp.toString(36).toUpperCase().slice(-7)}`;
  const project = await trpcMutation<{ id: string }>(auditor, slug, "project.create", {
    name: `Audited ${stamp}`,
    key,
  });
  for (let i = 0; i < 105; i++) {
    await trpcMutation(auditor, slug, "project.update", {
      id: project.id,
      description: i === 0 ? '=HYPERLINK("x"), with "quotes",\nand a newline' : `Revision ${i}`,
    });
  }

  const csv = await exportOf(auditor.request, `org=${slug}&format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-.*\.csv"$/);
  // Streamed: no length known up front.
  expect(csv.headers()["content-length"]).toBeUndefined();
  expect(csv.headers()["transfer-encoding"]).toBe("chunked");
  const records = parseCsv(await csv.text());
  expect(records[0]).toEqual(COLUMNS);
  const rows = records.slice(1);
  expect(rows.length).toBeGreaterThanOrEqual(106);
  for (const r of rows) expect(r).toHaveLength(COLUMNS.length);
  const updates = rows.filter((r) => r[3] === "project.update");
  expect(updates).toHaveLength(105);
  expect(new Set(updates.map((r) => r[5]))).toEqual(new Set([project.id]));
  // Newest first.
  const times = rows.map((r) => Date.parse(r[0] ?? ""));
  expect([...times].sort((a, b) => b - a)).toEqual(times);

  const jsonl = await exportOf(auditor.request, `org=${slug}&format=jsonl&action=project.update`);
  expect(jsonl.status()).toBe(200);
  expect(jsonl.headers()["content-type"]).toBe("application/x-ndjson");
  const text = await jsonl.text();
  expect(text.endsWith("\n")).toBe(true);
  const lines = text
    .slice(0, -1)
    .split("\n")
    .map((l) => JSON.parse(l) as { action: string; target_id: string; changes: object });
  expect(lines).toHaveLength(105);
  expect(lines.every((l) => l.action === "project.update" && l.target_id === project.id)).toBe(
    true,
  );
  expect(lines.at(-1)?.changes).toMatchObject({
    description: { after: '=HYPERLINK("x"), with "quotes",\nand a newline' },
  });

  // Organization scoping: Acme's owner exports Acme (its entries include the invitation just sent) without a trace
  // of Audit Co; the auditor, not yet in Acme, is refused Acme's export.
  const owner = await acmeOwner(browser);
  expect([403, 404]).toContain((await exportOf(auditor.request, "org=acme&format=csv")).status());
  const link = await inviteFromMembersPage(owner, email, "Member");
  const acme = await exportOf(owner.request, "org=acme&format=jsonl");
  expect(acme.status()).toBe(200);
  const acmeText = await acme.text();
  expect(acmeText).toContain('"action":"invitation.create"');
  expect(acmeText).not.toContain(project.id);
  expect(acmeText).not.toContain(`Audited ${stamp}`);

  // Permission: as a MEMBER of Acme (no audit.export) the auditor is refused; the refusal is not a truncated file.
  await auditor.goto(link);
  await auditor.getByRole("button", { name: "Accept invitation" }).click();
  await expect(auditor).toHaveURL(/\/o\/acme\/projects$/);
  const refused = await exportOf(auditor.request, "org=acme&format=csv");
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toContain("application/json");
  // Bad filters are a 400, not a 500.
  expect((await exportOf(auditor.request, `org=${slug}&from=yesterday`)).status()).toBe(400);
});
