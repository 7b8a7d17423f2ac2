// Usage analytics end to end: traffic with an API key over REST (some of it failing) shows on the organization's
// usage page — in the charts, the per-route table, the top API keys and the error rate — once the web process's
// meter has flushed it (every USAGE_FLUSH_INTERVAL_MS; the spec reloads until it is there instead of sleeping).
// A malformed date range in the URL is answered with a message, not an error page.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin } from "../../support/auth";
import { signInAndOpenProjects } from "../../support/ui";

interface TrpcResult<T> {
  result: { data: { json: T } };
}

async function trpcMutation<T>(
  request: APIRequestContext,
  pathName: string,
  json: unknown,
  org: string,
) {
  const res = await request.post(`/api/trpc/${pathName}`, {
    headers: { "x-tenantry-org": org, ...sameOrigin() },
    data: { json },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as TrpcResult<T>).result.data.json;
}

const OK_CALLS = 7;
const MISSING_CALLS = 3;

test("API-key traffic shows in the usage page's charts and tables", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndOpenProjects(page);
  const stamp = Date.now().toString(36);
  // An organization of its own: the seeded one collects other specs' traffic, this one only the key's.
  const org = await trpcMutation<{ slug: string }>(
    page.request,
    "organization.create",
    { name: `Usage ${stamp}`, slug: `usage-${stamp}` },
    "acme",
  );
  const keyName = `Usage key ${stamp}`;
  const { secret } = await trpcMutation<{ secret: string }>(
    page.request,
    "apiKey.create",
    { name: keyName, scopes: ["project.read"] },
    org.slug,
  );

  // The key's own traffic: successful lists, and gets of a project that does not exist (404, client errors).
  const bearer = { authorization: `Bearer ${secret}` };
  for (let i = 0; i < OK_CALLS; i += 1) {
    const res = await page.request.get("/api/v1/projects", { headers: bearer });
    expect(res.status()).toBe(200);
  }
  for (let i = 0; i < MISSING_CALLS; i += 1) {
    const res = await page.request.get("/api/v1/projects/0190f3a4-0000-7000-8000-000000000000", {
      headers: bearer,
    });
    expect(res.status()).toBe(404);
  }

  // The meter writes on its interval: reload until the flushed counts are on the page, exactly.
  const total = OK_CALLS + MISSING_CALLS;
  const byRoute = page.getByRole("figure", { name: /^Requests by procedure or route:/ });
  await expect(async () => {
    await page.goto(`/o/${org.slug}/settings/usage`);
    await expect(byRoute).toHaveAttribute(
      "aria-label",
      new RegExp(`GET /api/v1/projects: ${OK_CALLS}(,|$)`),
      { timeout: 1_000 },
    );
    await expect(byRoute).toHaveAttribute(
      "aria-label",
      new RegExp(`GET /api/v1/projects/\\{id\\}: ${MISSING_CALLS}(,|$)`),
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });

  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  // The per-day chart holds today's requests (at least the key's; the dashboard's own calls count too).
  const today = new Date().toISOString().slice(0, 10);
  const perDay = page.getByRole("figure", { name: /^Requests per day:/ });
  const perDayLabel = (await perDay.getAttribute("aria-label")) ?? "";
  const todays = Number(new RegExp(`${today}: (\\d+)`).exec(perDayLabel)?.[1] ?? "0");
  expect(todays).toBeGreaterThanOrEqual(total);
  // Recharts drew the bars.
  await expect(byRoute.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(perDay.locator(".recharts-bar-rectangle").first()).toBeVisible();

  const routes = page.getByRole("table").first();
  await expect(routes.getByRole("row", { name: /^GET \/api\/v1\/projects\/\{id\}/ })).toContainText(
    `${MISSING_CALLS}100.0%`,
  );
  await expect(routes.getByRole("row", { name: /^GET \/api\/v1\/projects / })).toContainText(
    `${OK_CALLS}0.0%`,
  );
  await expect(page.getByRole("row", { name: new RegExp(`^${keyName} `) })).toContainText(
    String(total),
  );
  // The month's API quota counts the key's requests (dashboard calls are not programmatic).
  await expect(page.getByRole("row", { name: /this month/ }).first()).toContainText(
    `${total.toLocaleString("en-US")} /`,
  );

  // A hand-edited range: a message, the default range shown, no error page.
  const bad = await page.goto(`/o/${org.slug}/settings/usage?from=2026-13-45&to=yesterday`);
  expect(bad?.status()).toBe(200);
  await expect(page.getByRole("alert").filter({ hasText: "date range" })).toContainText(
    "dates are written YYYY-MM-DD",
  );
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
});
