// An API key created in the dashboard, used by the `tenantry` CLI: it creates a task that then shows in the UI, and
// gets nothing of another organization of the same owner, neither over REST, nor over tRPC, nor through the CLI.
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin } from "../../support/auth";
import { signInAndOpenProjects } from "../../support/ui";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, "../../../packages/client/src/cli/main.ts");
const TSX = path.resolve(here, "../../node_modules/.bin/tsx");

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

/** Runs the CLI with its own config file; answers the exit code and outputs instead of throwing on failure. */
async function tenantry(configFile: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], {
      // The CLI runs as a user would start it: with this environment (PATH, HOME) and its own config file.
      // eslint-disable-next-line no-restricted-syntax
      env: { ...process.env, TENANTRY_CONFIG: configFile },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

test("a dashboard-made API key drives the CLI in its organization only", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const baseUrl = String(testInfo.project.use.baseURL);
  await signInAndOpenProjects(page);
  const stamp = Date.now().toString(36);
  // The key lives in an organization of its own (so the shared seeded Acme keeps its projects for other specs);
  // Acme, where the same owner is also OWNER, is the organization the key must never reach.
  const home = await trpcMutation<{ slug: string }>(
    page.request,
    "organization.create",
    { name: `Keys ${stamp}`, slug: `keys-${stamp}` },
    "acme",
  );
  const project = await trpcMutation<{ id: string }>(
    page.request,
    "project.create",
    { name: `Keys e2e ${stamp}`, key: `K${stamp.slice(-6).toUpperCase()}` },
    home.slug,
  );
  const other = { slug: "acme" };

  await page.goto(`/o/${home.slug}/settings/api-keys`);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await page.getByLabel("Name").fill(`CLI ${stamp}`);
  for (const scope of ["organization.read", "project.read", "task.read", "task.create"]) {
    await page.getByRole("checkbox", { name: scope }).check();
  }
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^tnt_live_[0-9A-Za-z]{28}$/);

  const configFile = path.join(await mkdtemp(path.join(tmpdir(), "tenantry-e2e-")), "config.json");
  const login = await tenantry(configFile, "login", "--url", baseUrl, "--api-key", secret);
  expect(login.code, login.stderr).toBe(0);
  const created = await tenantry(
    configFile,
    "--json",
    "tasks",
    "create",
    "--project",
    project.id,
    "--title",
    `Made by the CLI ${stamp}`,
  );
  expect(created.code, created.stderr).toBe(0);
  const task = JSON.parse(created.stdout) as { reference: string };

  await page.goto(`/o/${home.slug}/projects/${project.id}`);
  await expect(page.getByText(`Made by the CLI ${stamp}`)).toBeVisible();
  await expect(page.getByText(task.reference).first()).toBeVisible();

  // The list shows the key's last use; the secret is not shown again.
  await page.goto(`/o/${home.slug}/settings/api-keys`);
  await expect(page.getByText(`CLI ${stamp}`)).toBeVisible();
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);

  // The other organization: refused over tRPC (the header cannot move the key) and through the CLI.
  const foreign = await page.request.get("/api/trpc/project.list?input=%7B%22json%22%3A%7B%7D%7D", {
    // A bearer credential wins over the page's cookie (authenticate.ts), so this call is the key's alone.
    headers: { authorization: `Bearer ${secret}`, "x-tenantry-org": other.slug },
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).not.toContain("Website relaunch");
  // REST: neither the header nor ?org= moves the key; without either it lists its own organization's projects.
  for (const [url, headers] of [
    ["/api/v1/projects", { "x-tenantry-org": other.slug }],
    [`/api/v1/projects?org=${other.slug}`, {}],
  ] as const) {
    const rest = await page.request.get(url, {
      headers: { authorization: `Bearer ${secret}`, ...headers },
    });
    expect(rest.status(), url).toBe(403);
    expect(rest.headers()["content-type"]).toContain("application/problem+json");
    expect(await rest.text()).not.toContain("Website relaunch");
  }
  const ownRest = await page.request.get("/api/v1/projects", {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(ownRest.status()).toBe(200);
  const ownItems = ((await ownRest.json()) as { items: { name: string }[] }).items;
  expect(ownItems.map((p) => p.name)).toEqual([`Keys e2e ${stamp}`]);
  const viaCli = await tenantry(configFile, "--org", other.slug, "projects", "list");
  expect(viaCli.code).toBe(4);
  const own = await tenantry(configFile, "--json", "projects", "list");
  expect(own.code, own.stderr).toBe(0);
  expect((JSON.parse(own.stdout) as { name: string }[]).map((p) => p.name)).toEqual([
    `Keys e2e ${stamp}`,
  ]);
});
