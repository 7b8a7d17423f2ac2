// Keyboard only: sign in → projects → a project (→ a task, once tasks exist: issue 6 appends its steps to the
// journey below). No mouse, no clicks; every step asserts where focus landed.
import { expect, test } from "@playwright/test";

import { DEMO, sameOrigin, signInApi } from "../../support/auth";
import { tabTo } from "../../support/ui";

interface TrpcResult<T> {
  result: { data: { json: T } };
}

test("sign in and open a project using only the keyboard", async ({
  page,
  playwright,
  baseURL,
}) => {
  // Setup over HTTP in a separate context (this page stays signed out): a task on "Website relaunch" to reach.
  const api = await playwright.request.newContext({ baseURL });
  await signInApi(api);
  const headers = { "x-tenantry-org": "acme" };
  const list = await api.get(
    `/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 50 } }))}`,
    { headers },
  );
  const website = (
    (await list.json()) as TrpcResult<{ items: { id: string; name: string }[] }>
  ).result.data.json.items.find((p) => p.name === "Website relaunch");
  expect(website).toBeDefined();
  const taskTitle = `Keyboard task ${Date.now()}`;
  const created = await api.post("/api/trpc/task.create", {
    headers: { ...headers, ...sameOrigin() },
    data: { json: { projectId: website?.id, title: taskTitle } },
  });
  expect(created.status()).toBe(200);
  await api.dispose();

  await page.goto("/sign-in");

  // Sign in.
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(DEMO.email);
  await tabTo(page, page.getByLabel("Password")); // past the "Forgot password?" link
  await page.keyboard.type(DEMO.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/o\/acme\/home$/);
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await page.goto("/o/acme/projects");
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();

  // The skip link is the first stop and moves focus past the sidebar.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");

  // Open a project from the list.
  const project = page
    .getByRole("list", { name: "Projects" })
    .getByRole("link", { name: "Mobile app" });
  await tabTo(page, project);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/o\/acme\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mobile app" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Breadcrumb" }).getByText("Mobile app"),
  ).toBeVisible();

  // Jump to another project through the command palette.
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("combobox")).toBeFocused();
  await page.keyboard.type("Website");
  await expect(palette.getByRole("option", { name: "Website relaunch" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Website relaunch" })).toBeVisible();

  // Menus open and close from the keyboard, and focus returns to their trigger.
  const account = page.getByRole("button", { name: /^Account menu/ });
  await tabTo(page, account);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Profile" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(account).toBeFocused();

  // Open a task from the project's board, then move it with the card's "Move to…" menu.
  const taskLink = page
    .getByRole("list", { name: "To do tasks" })
    .getByRole("link", { name: new RegExp(taskTitle) });
  await tabTo(page, taskLink, { max: 60 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: taskTitle })).toBeVisible();
  await page.goBack();
  const card = page
    .getByRole("list", { name: "To do tasks" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: new RegExp(taskTitle) }) });
  const move = card.getByRole("button", { name: /^Move .+ to…$/ });
  await tabTo(page, move, { max: 60 });
  await page.keyboard.press("Enter");
  // The menu opens with focus on its first target column.
  await expect(page.getByRole("menuitem", { name: "In progress" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(
    page
      .getByRole("list", { name: "In progress tasks" })
      .getByRole("link", { name: new RegExp(taskTitle) }),
  ).toBeVisible();

  // Back to the list through the sidebar.
  const sidebarProjects = page
    .getByRole("navigation", { name: "Organization" })
    .getByRole("link", { name: "Projects" });
  // Backwards past every card before the moved one (earlier specs leave tasks on this board) and the toolbar.
  await tabTo(page, sidebarProjects, { backwards: true, max: 150 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/o\/acme\/projects$/);
});
