// The dashboard as a daily driver (issue 18): home, inline edits with undo, views in the URL, server sorts,
// shortcuts, palette ranking and actions, the settings breadcrumb and the phone layout. Screenshots of home, task
// page and table at desktop and phone widths are kept as artifacts.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { signInApi } from "../../support/auth";
import { mutate, query } from "../../support/trpc";
import { gotoHydrated, reloadHydrated, screenshot, VIEWPORTS } from "../../support/ui";

/**
 * Tasks of its own (stamped titles) in the seeded "Billing migration" project: new projects would change the
 * project count other specs assert, and the stamp keeps searches and filters to this test's rows.
 */
async function projectWithTasks(page: Page, titles: string[]) {
  await signInApi(page.request);
  const projects = await query<{ items: { id: string; name: string }[] }>(
    page.request,
    "project.list",
    { limit: 50 },
  );
  const project = projects.items.find((p) => p.name === "Billing migration");
  expect(project).toBeDefined();
  const me = await query<{ membershipId: string }>(page.request, "organization.current", undefined);
  const tasks = [];
  for (const title of titles) {
    tasks.push(
      await mutate<{ id: string; reference: string }>(page.request, "task.create", {
        projectId: project?.id,
        title,
      }),
    );
  }
  return { project: { id: project?.id ?? "" }, tasks, membershipId: me.membershipId };
}

test("home lists a task once it is assigned to me, with its due date", async ({ page }, info) => {
  const title = `Home task ${Date.now()}`;
  const { tasks, membershipId } = await projectWithTasks(page, [title]);
  await page.goto("/o/acme/home");
  const mine = page.getByRole("list", { name: "My tasks" });
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await expect(mine.getByText(title)).toHaveCount(0);

  await mutate(page.request, "task.update", {
    id: tasks[0]?.id,
    assigneeIds: [membershipId],
    dueDate: "2020-01-02",
  });
  await page.reload();
  const row = mine.getByRole("listitem").filter({ hasText: title });
  await expect(row).toBeVisible();
  // Long past due and still open: flagged in words.
  await expect(row.getByText("(overdue)")).toBeAttached();
  await screenshot(page, info, "home-desktop");
});

test("inline edits on the task page persist, roll back on an error, and undo from the toast", async ({
  page,
}) => {
  // Eleven steps with four reloads: longer than one default test timeout on a loaded CI machine.
  test.slow();
  const { project, tasks } = await projectWithTasks(page, [`Inline ${Date.now()}`]);
  const task = tasks[0];
  await gotoHydrated(page, `/o/acme/projects/${project.id}/tasks/${task?.id}`);
  const status = page.getByRole("combobox", { name: `Status of ${task?.reference}` });
  await status.click();
  await page.getByRole("option", { name: "In review" }).click();
  await expect(page.getByText(`${task?.reference}: status set to In review`)).toBeVisible();
  await reloadHydrated(page);
  await expect(status).toHaveText(/In review/);

  // Priority persists.
  const priority = page.getByRole("combobox", { name: `Priority of ${task?.reference}` });
  await priority.click();
  await page.getByRole("option", { name: "Urgent" }).click();
  await expect(page.getByText(`${task?.reference}: priority set to Urgent`)).toBeVisible();

  // Undo on the toast puts the previous value back on the server.
  await page
    .locator("[data-sonner-toast]")
    .filter({ hasText: "priority set to Urgent" })
    .getByRole("button", { name: "Undo" })
    .click();
  await expect(page.getByText(`${task?.reference}: change undone`)).toBeVisible();
  await reloadHydrated(page);
  await expect(priority).toHaveText(/Medium/);

  // Tags through the searchable picker, from the keyboard (the page loads the tag list, so the tag exists first).
  const tag = await mutate<{ id: string; name: string }>(page.request, "tag.create", {
    name: `inline-${Date.now()}`,
    color: "#1d4ed8",
  });
  await reloadHydrated(page);
  await page.getByRole("button", { name: /^Tags of / }).click();
  await page.getByRole("combobox", { name: "Search tags" }).fill(tag.name);
  await page.keyboard.press("Enter");
  await expect(page.getByText(`${task?.reference}: added ${tag.name} tag`)).toBeVisible();
  await page.keyboard.press("Escape");

  // A failed change rolls back: with the request cut, the pill returns to the value the server has.
  await page.route("**/api/trpc/task.update*", (route) => route.abort());
  await status.click();
  await page.getByRole("option", { name: "Done" }).click();
  await expect(page.getByText(/The change was not saved/)).toBeVisible();
  await expect(status).toHaveText(/In review/);
});

test("a filtered, sorted table view is in the URL and survives a reload", async ({
  page,
}, info) => {
  const stamp = Date.now();
  const { project, tasks } = await projectWithTasks(page, [
    `Alpha ${stamp}`,
    `Beta ${stamp}`,
    `Gamma ${stamp}`,
  ]);
  await mutate(page.request, "task.update", { id: tasks[0]?.id, dueDate: "2031-05-03" });
  await mutate(page.request, "task.update", { id: tasks[2]?.id, dueDate: "2031-05-01" });
  await mutate(page.request, "task.update", { id: tasks[1]?.id, status: "DONE" });

  await page.goto(`/o/acme/projects/${project.id}`);
  await page.getByRole("tab", { name: "Table" }).click();
  await expect(page).toHaveURL(/view=table/);
  const table = page.getByRole("table", { name: "Tasks" });
  await page.getByLabel("Search tasks").fill(String(stamp));
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  await page.getByRole("combobox", { name: "Status", exact: true }).click();
  await page.getByRole("option", { name: "To do" }).click();
  await expect(table.getByRole("row")).toHaveCount(3); // header + Alpha + Gamma
  await page.getByRole("button", { name: /^Sort by due/ }).click();
  await expect(page).toHaveURL(/sort=due/);
  await expect(page).toHaveURL(/status=TODO/);
  await expect(table.getByRole("row").nth(1)).toContainText(`Gamma ${stamp}`);

  await page.reload();
  await expect(page.getByRole("tab", { name: "Table" })).toHaveAttribute("aria-selected", "true");
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toContainText(`Gamma ${stamp}`);
  await expect(table.getByRole("row").nth(2)).toContainText(`Alpha ${stamp}`);
  await expect(page.getByRole("button", { name: /^Sort by due/ })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await screenshot(page, info, "table-desktop");
});

test("single-key shortcuts, the ? sheet, and nothing fires while typing", async ({ page }) => {
  const { project, tasks } = await projectWithTasks(page, [`Keys ${Date.now()}`]);
  await page.goto(`/o/acme/projects/${project.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  // c opens "New task"; typing "c" in its title field does not reopen or close anything.
  await expect(page.locator("[data-shortcut='c']")).toBeAttached();
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "New task" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Title").pressSequentially("cgp");
  await expect(dialog.getByLabel("Title")).toHaveValue("cgp");
  await page.keyboard.press("Escape");

  // On the task page: e edits, s opens the status picker.
  await page.goto(`/o/acme/projects/${project.id}/tasks/${tasks[0]?.id}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  // A control offers its key (data-shortcut) only once it has hydrated, so one press is enough once it shows.
  await expect(page.locator("[data-shortcut='e']")).toBeAttached();
  await page.keyboard.press("e");
  await expect(page.getByRole("dialog", { name: "Edit task" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Edit task" })).toBeHidden();
  await page.keyboard.press("s");
  await expect(page.getByRole("listbox")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("listbox")).toBeHidden();

  // g then p goes to the projects list.
  await page.keyboard.press("g");
  await page.keyboard.press("p");
  await expect(page).toHaveURL(/\/o\/acme\/projects$/);
});

test("the palette ranks the exact task first and its New task action opens the dialog", async ({
  page,
}) => {
  const title = `Pricing ${Date.now()}`;
  const { project } = await projectWithTasks(page, [title]);
  await page.goto(`/o/acme/projects/${project.id}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await palette.getByRole("combobox").fill(title);
  await expect(palette.getByRole("option").first()).toContainText(title);

  await palette.getByRole("combobox").fill("new task");
  await expect(palette.getByRole("option").first()).toContainText("New task");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "New task" })).toBeVisible();
});

test("the breadcrumb's Settings leads to General", async ({ page }) => {
  await signInApi(page.request);
  await page.goto("/o/acme/settings/members");
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(page).toHaveURL(/\/o\/acme\/settings\/general$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("phone width: no orphan breadcrumb separators, task keys on one line", async ({
  page,
}, info) => {
  await page.setViewportSize(VIEWPORTS.phone);
  const { project, tasks } = await projectWithTasks(page, [`Phone ${Date.now()}`]);
  await page.goto(`/o/acme/projects/${project.id}/tasks/${tasks[0]?.id}`);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByText(tasks[0]?.reference ?? "")).toBeVisible();
  // Only the last crumb shows; every separator is hidden with the items around it.
  await expect(crumbs.locator("[data-slot=breadcrumb-separator]:visible")).toHaveCount(0);
  await screenshot(page, info, "task-phone");

  await page.goto(`/o/acme/projects/${project.id}`);
  const key = page
    .getByRole("list", { name: "To do tasks" })
    .getByText(tasks[0]?.reference ?? "", { exact: true });
  const box = await key.boundingBox();
  expect(box?.height ?? 0).toBeLessThan(24); // one line of text-xs
  await page.goto("/o/acme/home");
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await screenshot(page, info, "home-phone");
});
