// Issue 6's remaining dashboard pieces: tags managed in settings, bulk changes from the task table, the parent
// picker (with the server's cycle refusal), comment mentions through the @ picker, and the board's per-column
// pages with "Load more".
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin } from "../../support/auth";
import {
  expectNoSeriousA11yViolations,
  gotoHydrated,
  reloadHydrated,
  signInAndOpenProjects,
} from "../../support/ui";

interface TrpcResult<T> {
  result: { data: { json: T } };
}

const headers = () => ({ "x-tenantry-org": "acme", ...sameOrigin() });

async function createProject(page: Page, name: string, key: string): Promise<string> {
  const res = await page.request.post("/api/trpc/project.create", {
    headers: headers(),
    data: { json: { name, key, description: "Made by the bulk tasks spec" } },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as TrpcResult<{ id: string }>).result.data.json.id;
}

async function createTask(page: Page, projectId: string, title: string): Promise<void> {
  const res = await page.request.post("/api/trpc/task.create", {
    headers: headers(),
    data: { json: { projectId, title } },
  });
  expect(res.status()).toBe(200);
}

async function deleteProject(page: Page, id: string): Promise<void> {
  const res = await page.request.post("/api/trpc/project.delete", {
    headers: headers(),
    data: { json: { id } },
  });
  expect(res.status()).toBe(200);
}

test("tags in settings, bulk changes in the table, a parent task and a mention", async ({
  page,
}) => {
  await signInAndOpenProjects(page);
  const stamp = Date.now().toString(36).toUpperCase();
  const key = `B${stamp.slice(-8)}`;
  const projectId = await createProject(page, `Bulk e2e ${stamp}`, key);
  await createTask(page, projectId, "Draft the release notes");
  await createTask(page, projectId, "Record the demo video");
  await createTask(page, projectId, "Update the changelog");

  // Tags: the settings entry, create (the name is validated with the API's schema), rename and recolor.
  await page
    .getByRole("navigation", { name: "Organization" })
    .getByRole("link", { name: "Tags" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  await page.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Name is required" })).toBeVisible();
  const tagName = `Launch ${stamp}`;
  await page.getByLabel("Tag name").fill(`Draft ${stamp}`);
  await page.getByLabel("Color").fill("#16a34a");
  await page.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText(`Tag “Draft ${stamp}” created`)).toBeVisible();
  const tagList = page.getByRole("list", { name: "Tags" });
  await expect(tagList.getByText(`Draft ${stamp}`)).toBeVisible();
  await expect(page.getByLabel("Tag name")).toHaveValue("");
  await tagList.getByRole("button", { name: `Edit Draft ${stamp}` }).click();
  await tagList.getByLabel("Tag name").fill(tagName);
  await tagList.getByLabel("Color").fill("#dc2626");
  await tagList.getByRole("button", { name: "Save tag" }).click();
  await expect(page.getByText(`Tag “${tagName}” saved`)).toBeVisible();
  const tagRow = tagList.getByRole("listitem").filter({ hasText: tagName });
  await expect(tagRow).toContainText("#dc2626");
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  await expectNoSeriousA11yViolations(page, "tags settings");

  // Bulk: select the page, set the status of all three.
  await gotoHydrated(page, `/o/acme/projects/${projectId}`);
  await expect(page.getByRole("list", { name: "To do tasks" }).getByRole("listitem")).toHaveCount(
    3,
  );
  const table = page.getByRole("table", { name: "Tasks" });
  await page.getByRole("tab", { name: "Table" }).click();
  await expect(page.getByRole("tab", { name: "Table" })).toHaveAttribute("aria-selected", "true");
  await expect(table).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(4);
  await table.getByRole("checkbox", { name: "Select all tasks on this page" }).click();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar.getByText("3 selected")).toBeVisible();
  await bar.getByRole("combobox", { name: "Set status of selected tasks" }).click();
  await page.getByRole("option", { name: "In review" }).click();
  await expect(page.getByText("3 tasks updated")).toBeVisible();
  await expect(bar).toBeHidden();
  await expect(table.getByText("In review")).toHaveCount(3);

  // Bulk: tag two of them.
  await table.getByRole("checkbox", { name: `Select ${key}-1` }).click();
  await table.getByRole("checkbox", { name: `Select ${key}-2` }).click();
  await expect(bar.getByText("2 selected")).toBeVisible();
  await bar.getByRole("combobox", { name: "Add tag to selected tasks" }).click();
  await page.getByRole("option", { name: tagName }).click();
  await expect(page.getByText("2 tasks updated")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: tagName })).toHaveCount(2);
  await expect(
    table.getByRole("row").filter({ hasText: "Update the changelog" }),
  ).not.toContainText(tagName);
  // Bulk: replace the assignees of one task.
  await table.getByRole("checkbox", { name: `Select ${key}-2` }).click();
  await bar.getByRole("combobox", { name: "Replace assignees of selected tasks" }).click();
  await page.getByRole("option", { name: "Dana Demo", exact: true }).click();
  await expect(page.getByText("1 task updated")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Record the demo video" })).toContainText(
    "Dana Demo",
  );
  // Toasts fade out first (sonner's fade animation trips the contrast rule mid-way).
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  await table.getByRole("checkbox", { name: `Select ${key}-3` }).click();
  await expect(bar.getByText("1 selected")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "task table with the bulk action bar");
  await bar.getByRole("button", { name: "Clear selection" }).click();
  await expect(bar).toBeHidden();

  // Parent: make KEY-3 a subtask of KEY-1 through the searchable picker.
  await table.getByRole("link", { name: /Update the changelog/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Update the changelog" })).toBeVisible();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit task" });
  await edit.getByRole("combobox", { name: "Parent task" }).click();
  await page.getByLabel("Search parent tasks").fill("release");
  await page.getByRole("option", { name: `${key}-1 Draft the release notes` }).click();
  await expect(edit.getByRole("combobox", { name: "Parent task" })).toContainText(
    "Draft the release notes",
  );
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Task ${key}-3 saved`)).toBeVisible();
  await expect(page.getByRole("link", { name: `${key}-1 Draft the release notes` })).toBeVisible();

  // A mention through the picker, from the keyboard: "@Dana" lists the member, Enter inserts it.
  const box = page.getByLabel("Add a comment");
  await box.click();
  await page.keyboard.type("Please review @Dana");
  const mentionList = page.getByRole("listbox", { name: "Mention a member" });
  await expect(mentionList.getByRole("option", { name: "Dana Demo" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.keyboard.press("Enter");
  await expect(mentionList).toBeHidden();
  await page.keyboard.type("before Friday.");
  await expect(box).toHaveValue("Please review @Dana Demo before Friday.");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByText("Comment added")).toBeVisible();
  const comments = page.getByRole("list", { name: "Comments" });
  await expect(comments.getByText("Please review @Dana Demo before Friday.")).toBeVisible();
  await expect(comments.getByText("Mentioned: Dana Demo")).toBeVisible();

  // Editing the comment: taking the "@Dana Demo" out of the text takes the mention away too.
  await comments.getByRole("button", { name: "Edit", exact: true }).click();
  const editBox = comments.getByLabel("Edit comment");
  await editBox.fill("Please review before Friday.");
  await comments.getByRole("button", { name: "Save comment" }).click();
  await expect(page.getByText("Comment saved")).toBeVisible();
  await expect(comments.getByText("Please review before Friday.")).toBeVisible();
  await expect(comments.getByText("Mentioned: Dana Demo")).toHaveCount(0);

  // A cycle is refused by the server and shown on the parent field: KEY-1 cannot become a child of its child.
  await page.getByRole("link", { name: `${key}-1 Draft the release notes` }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Draft the release notes" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await edit.getByRole("combobox", { name: "Parent task" }).click();
  await page.getByLabel("Search parent tasks").fill("changelog");
  await page.getByRole("option", { name: `${key}-3 Update the changelog` }).click();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText(/its own ancestor/)).toBeVisible();
  await expect(edit.getByRole("combobox", { name: "Parent task" })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  // Choosing "No parent" again saves.
  await edit.getByRole("combobox", { name: "Parent task" }).click();
  await page.getByRole("option", { name: "No parent" }).click();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Task ${key}-1 saved`)).toBeVisible();
  await expect(edit).toBeHidden();

  // Inline tag creation in the edit dialog ticks the new tag on the task.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await edit.getByRole("button", { name: "New tag" }).click();
  const inlineTag = `Inline ${stamp}`;
  await edit.getByLabel("Tag name").fill(inlineTag);
  await edit.getByLabel("Tag name").press("Enter");
  await expect(page.getByText(`Tag “${inlineTag}” created`)).toBeVisible();
  // KEY-1 also has the bulk-added tag: the new one joins it.
  await expect(
    edit.getByRole("button", { name: new RegExp(`^Tags: .*${inlineTag}`) }),
  ).toBeVisible();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.locator("#main").getByText(inlineTag, { exact: true })).toBeVisible();

  // Clean up: delete both tags after confirming, then the project.
  await gotoHydrated(page, "/o/acme/settings/tags");
  for (const name of [tagName, inlineTag]) {
    await page.getByRole("button", { name: `Delete ${name}` }).click();
    await page
      .getByRole("alertdialog", { name: `Delete the tag “${name}”?` })
      .getByRole("button", { name: "Delete tag" })
      .click();
    await expect(page.getByRole("list", { name: "Tags" }).getByText(name)).toHaveCount(0);
  }
  await deleteProject(page, projectId);
});

test("board columns load their own pages and moves update them", async ({ page }) => {
  await signInAndOpenProjects(page);
  const stamp = Date.now().toString(36).toUpperCase();
  const key = `P${stamp.slice(-8)}`;
  const projectId = await createProject(page, `Board pages e2e ${stamp}`, key);
  for (let i = 1; i <= 27; i++) await createTask(page, projectId, `Card ${i}`);

  await gotoHydrated(page, `/o/acme/projects/${projectId}`);
  const todo = page.getByRole("list", { name: "To do tasks" });
  const done = page.getByRole("list", { name: "Done tasks" });
  // Newest first, one page of 25; the badge says there is more.
  await expect(todo.getByRole("listitem")).toHaveCount(25);
  await expect(todo.getByRole("listitem").first()).toContainText("Card 27");
  await expect(page.getByRole("region", { name: "To do" }).getByLabel("25+ tasks")).toBeVisible();
  await page.getByRole("button", { name: "Load more To do tasks" }).click();
  await expect(todo.getByRole("listitem")).toHaveCount(27);
  await expect(page.getByRole("button", { name: "Load more To do tasks" })).toHaveCount(0);

  // A card from the second page moves to Done (optimistically) and stays there after a reload.
  await page.getByRole("button", { name: `Move ${key}-1 to…` }).click();
  await page.getByRole("menuitem", { name: "Done" }).click();
  await expect(done.getByRole("link", { name: /Card 1$/ })).toBeVisible();
  await expect(page.getByText(`${key}-1 moved to Done`)).toBeVisible();
  await expect(todo.getByRole("listitem")).toHaveCount(26);
  await reloadHydrated(page);
  await expect(done.getByRole("listitem")).toHaveCount(1);
  await expect(todo.getByRole("listitem")).toHaveCount(25);

  // A failed move restores both columns.
  await page.route("**/api/trpc/task.update**", (route) => route.abort());
  await page.getByRole("button", { name: `Move ${key}-27 to…` }).click();
  await page.getByRole("menuitem", { name: "In progress" }).click();
  await expect(page.getByText(/Could not move the task/)).toBeVisible();
  await expect(todo.getByRole("listitem").first()).toContainText("Card 27");
  await expect(
    page.getByRole("list", { name: "In progress tasks" }).getByRole("listitem"),
  ).toHaveCount(0);
  await page.unroute("**/api/trpc/task.update**");

  await deleteProject(page, projectId);
});
