// Issue 18, the undo pieces and the remaining inline properties: a deleted task comes back from its toast's Undo,
// a bulk change and a bulk delete are undone from theirs, and assignees, due date and parent are edited in place on
// the task page (the parent refused when it would make a cycle). Screenshots of the task page at desktop width and
// of the table at phone width complete the set daily-driver.spec.ts keeps.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { signInApi } from "../../support/auth";
import { mutate, ORG, query } from "../../support/trpc";
import { gotoHydrated, reloadHydrated, screenshot, VIEWPORTS } from "../../support/ui";

/** Stamped tasks in the seeded "Billing migration" project (new projects would change other specs' counts). */
async function tasksIn(page: Page, titles: string[]) {
  await signInApi(page.request);
  const projects = await query<{ items: { id: string; name: string }[] }>(
    page.request,
    "project.list",
    { limit: 50 },
  );
  const projectId = projects.items.find((p) => p.name === "Billing migration")?.id ?? "";
  expect(projectId).not.toBe("");
  const tasks = [];
  for (const title of titles) {
    tasks.push(
      await mutate<{ id: string; reference: string; title: string }>(page.request, "task.create", {
        projectId,
        title,
      }),
    );
  }
  return { projectId, tasks };
}

const toast = (page: Page, text: string | RegExp) =>
  page.locator("[data-sonner-toast]").filter({ hasText: text });

test("a task deleted from its page comes back with Undo on the toast", async ({ page }) => {
  const { projectId, tasks } = await tasksIn(page, [`Undo delete ${Date.now()}`]);
  const task = tasks[0];
  const taskUrl = `/o/acme/projects/${projectId}/tasks/${task?.id}`;
  await gotoHydrated(page, taskUrl);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("You can undo this for 30 days.");
  await dialog.getByRole("button", { name: "Delete task" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/acme/projects/${projectId}$`));
  // Gone from the server, not only from the page.
  const gone = await page.request.get(
    `/api/trpc/task.get?input=${encodeURIComponent(JSON.stringify({ json: { id: task?.id } }))}`,
    { headers: ORG },
  );
  expect(gone.status()).toBe(404);

  await toast(page, `Task ${task?.reference} deleted`)
    .getByRole("button", { name: "Undo" })
    .click();
  await expect(page.getByText("Task restored")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${taskUrl}$`));
  await expect(page.getByRole("heading", { level: 1, name: task?.title })).toBeVisible();
  await reloadHydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: task?.title })).toBeVisible();
});

test("the table's bulk change and bulk delete are undone from their toasts", async ({
  page,
}, info) => {
  const stamp = `Bulk undo ${Date.now()}`;
  const { projectId } = await tasksIn(page, [`${stamp} one`, `${stamp} two`]);
  await gotoHydrated(page, `/o/acme/projects/${projectId}?view=table`);
  const table = page.getByRole("table", { name: "Tasks" });
  await page.getByLabel("Search tasks").fill(stamp);
  await expect(table.getByRole("row")).toHaveCount(3);

  // A bulk status change, then Undo: both tasks are back to To do on the server.
  await table.getByRole("checkbox", { name: "Select all tasks on this page" }).click();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByRole("combobox", { name: "Set status of selected tasks" }).click();
  await page.getByRole("option", { name: "In review" }).click();
  await expect(table.getByText("In review")).toHaveCount(2);
  await toast(page, "2 tasks updated").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Bulk change undone")).toBeVisible();
  await reloadHydrated(page);
  await expect(table.getByText("In review")).toHaveCount(0);
  await expect(table.getByRole("row")).toHaveCount(3);

  // A bulk delete asks first, then Undo restores both.
  await table.getByRole("checkbox", { name: "Select all tasks on this page" }).click();
  await bar.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Delete 2 tasks?");
  await dialog.getByRole("button", { name: "Delete tasks" }).click();
  await expect(table.getByRole("row").filter({ hasText: stamp })).toHaveCount(0);
  await toast(page, "2 tasks deleted").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("2 tasks restored")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: stamp })).toHaveCount(2);
  await reloadHydrated(page);
  await expect(table.getByRole("row").filter({ hasText: stamp })).toHaveCount(2);

  await page.setViewportSize(VIEWPORTS.phone);
  await screenshot(page, info, "table-phone");
});

/**
 * Opens a property pill's picker: a click that lands before the pill's part of the streamed page has hydrated does
 * nothing, so the click is repeated until the picker's search box shows.
 */
async function openPicker(trigger: Locator, search: string) {
  const page = trigger.page();
  await expect(async () => {
    if (!(await page.getByRole("combobox", { name: search }).isVisible())) await trigger.click();
    await expect(page.getByRole("combobox", { name: search })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test("assignees, due date and parent are edited in place on the task page", async ({
  page,
}, info) => {
  test.slow();
  const stamp = Date.now();
  const { projectId, tasks } = await tasksIn(page, [`Parent ${stamp}`, `Child ${stamp}`]);
  const [parent, child] = tasks;
  await gotoHydrated(page, `/o/acme/projects/${projectId}/tasks/${child?.id}`);

  // Assignees through the searchable picker.
  await openPicker(page.getByRole("button", { name: /^Assignees of / }), "Search assignees");
  await page.getByRole("combobox", { name: "Search assignees" }).fill("Dana Demo");
  // Enter picks the highlighted suggestion: wait until the filtered list shows it.
  await expect(page.getByRole("option", { name: "Dana Demo" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`${child?.reference}: added Dana Demo as assignee`)).toBeVisible();
  await page.keyboard.press("Escape");

  // Due date.
  const due = page.getByLabel(`Due date of ${child?.reference}`);
  await due.fill("2030-05-06");
  await expect(page.getByText(new RegExp(`${child?.reference}: due `))).toBeVisible();

  // Parent through the server-searched picker.
  await openPicker(
    page.getByRole("combobox", { name: `Parent of ${child?.reference}: none` }),
    "Search parent tasks",
  );
  await page.getByRole("combobox", { name: "Search parent tasks" }).fill(`Parent ${stamp}`);
  await page
    .getByRole("option", { name: new RegExp(`${parent?.reference} Parent ${stamp}`) })
    .click();
  await expect(
    page.getByText(`${child?.reference}: parent set to ${parent?.reference}`),
  ).toBeVisible();

  await reloadHydrated(page);
  await expect(page.getByRole("button", { name: /^Assignees of / })).toHaveAccessibleName(
    new RegExp("Dana Demo"),
  );
  await expect(due).toHaveValue("2030-05-06");
  await expect(
    page.getByRole("combobox", {
      name: new RegExp(`^Parent of ${child?.reference}: ${parent?.reference}`),
    }),
  ).toBeVisible();
  await screenshot(page, info, "task-desktop");

  // The parent refuses a cycle: the pill rolls back and the toast says why.
  await gotoHydrated(page, `/o/acme/projects/${projectId}/tasks/${parent?.id}`);
  await openPicker(
    page.getByRole("combobox", { name: `Parent of ${parent?.reference}: none` }),
    "Search parent tasks",
  );
  await page.getByRole("combobox", { name: "Search parent tasks" }).fill(`Child ${stamp}`);
  await page
    .getByRole("option", { name: new RegExp(`${child?.reference} Child ${stamp}`) })
    .click();
  await expect(page.getByText(/The change was not saved: .*own ancestor/)).toBeVisible();
  await expect(
    page.getByRole("combobox", { name: `Parent of ${parent?.reference}: none` }),
  ).toHaveText(/No parent/);
});
