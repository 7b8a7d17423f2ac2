// Tasks in the dashboard: a fresh project (created over tRPC with an explicit key), tasks created in the dialog,
// moved on the board with the keyboard menu and by drag and drop, filtered in the table, opened and commented.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin } from "../../support/auth";
import { expectNoSeriousA11yViolations, screenshot, signInAndOpenProjects } from "../../support/ui";

interface TrpcResult<T> {
  result: { data: { json: T } };
}

async function createProject(page: Page, name: string, key: string): Promise<string> {
  const res = await page.request.post("/api/trpc/project.create", {
    headers: { "x-tenantry-org": "acme", ...sameOrigin() },
    data: { json: { name, key, description: "Made by the tasks spec" } },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as TrpcResult<{ id: string }>).result.data.json.id;
}

async function createTask(page: Page, title: string, reference: string) {
  await page.getByRole("button", { name: "New task" }).click();
  const dialog = page.getByRole("dialog", { name: "New task" });
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByText(`Task ${reference} created`)).toBeVisible();
  await expect(dialog).toBeHidden();
}

test("create tasks, move them on the board, filter the table, open one and comment", async ({
  page,
}, testInfo) => {
  await signInAndOpenProjects(page);
  const stamp = Date.now().toString(36).toUpperCase();
  const key = `T${stamp.slice(-8)}`;
  const name = `Tasks e2e ${stamp}`;
  const projectId = await createProject(page, name, key);

  await page.goto(`/o/acme/projects/${projectId}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Client-side validation uses the API's schema.
  await page.getByRole("button", { name: "New task" }).click();
  const dialog = page.getByRole("dialog", { name: "New task" });
  await dialog.getByRole("button", { name: "Create task" }).click();
  await expect(dialog.getByText("Title is required")).toBeVisible();
  await page.keyboard.press("Escape");

  await createTask(page, "Write the launch plan", `${key}-1`);
  await createTask(page, "Review the pricing page", `${key}-2`);
  await createTask(page, "Fix the signup typo", `${key}-3`);

  const column = (label: string) => page.getByRole("list", { name: `${label} tasks` });
  const todo = column("To do");
  await expect(todo.getByRole("listitem")).toHaveCount(3);

  // Move with the keyboard-accessible menu (optimistic: the card moves before the server answers).
  await page.getByRole("button", { name: `Move ${key}-1 to…` }).click();
  await page.getByRole("menuitem", { name: "In progress" }).click();
  await expect(
    column("In progress").getByRole("link", { name: /Write the launch plan/ }),
  ).toBeVisible();
  await expect(page.getByText(`${key}-1 moved to In progress`)).toBeVisible();

  // Move by native drag and drop.
  await todo
    .getByRole("listitem")
    .filter({ hasText: "Review the pricing page" })
    .dragTo(page.getByRole("region", { name: "In review" }));
  await expect(
    column("In review").getByRole("link", { name: /Review the pricing page/ }),
  ).toBeVisible();
  await expect(page.getByText(`${key}-2 moved to In review`)).toBeVisible();
  await screenshot(page, testInfo, "tasks-board");

  // The moves are saved.
  await page.reload();
  await expect(
    column("In progress").getByRole("link", { name: /Write the launch plan/ }),
  ).toBeVisible();
  await expect(
    column("In review").getByRole("link", { name: /Review the pricing page/ }),
  ).toBeVisible();
  await expect(todo.getByRole("listitem")).toHaveCount(1);
  // Checked after the reload: no toast is mid-animation (sonner's fade trips the contrast rule).
  await expectNoSeriousA11yViolations(page, "project board");

  // A failed move rolls the board back and says so.
  await page.route("**/api/trpc/task.update**", (route) => route.abort());
  await page.getByRole("button", { name: `Move ${key}-3 to…` }).click();
  await page.getByRole("menuitem", { name: "Done" }).click();
  await expect(page.getByText(/Could not move the task/)).toBeVisible();
  await expect(todo.getByRole("link", { name: /Fix the signup typo/ })).toBeVisible();
  await expect(column("Done").getByRole("listitem")).toHaveCount(0);
  await page.unroute("**/api/trpc/task.update**");

  // Table view: filter by status on the server, then search.
  await page.getByRole("tab", { name: "Table" }).click();
  const table = page.getByRole("table", { name: "Tasks" });
  await expect(table.getByRole("row")).toHaveCount(4); // header + 3
  await page.getByRole("combobox", { name: "Status", exact: true }).click();
  await page.getByRole("option", { name: "In progress" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("link", { name: /Write the launch plan/ })).toBeVisible();
  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(table.getByRole("row")).toHaveCount(4);
  await page.getByLabel("Search tasks").fill("signup");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("link", { name: /Fix the signup typo/ })).toBeVisible();

  // Open the task and comment on it.
  await table.getByRole("link", { name: /Fix the signup typo/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fix the signup typo" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/o/acme/projects/${projectId}/tasks/[0-9a-f-]{36}$`));
  // Earlier toasts fade out first (sonner's fade animation trips the contrast rule mid-way).
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  await expectNoSeriousA11yViolations(page, "task page");
  await page.getByLabel("Add a comment").fill("Typo is in the hero.\nSecond line.");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByText("Comment added")).toBeVisible();
  const comments = page.getByRole("list", { name: "Comments" });
  await expect(comments.getByText(/Typo is in the hero\.\s+Second line\./)).toBeVisible();
  await screenshot(page, testInfo, "task-page");

  // Edit the own comment, then delete it after confirming.
  await comments.getByRole("button", { name: "Edit" }).click();
  await comments.getByLabel("Edit comment").fill("Typo is in the footer.");
  await comments.getByRole("button", { name: "Save comment" }).click();
  await expect(comments.getByText("Typo is in the footer.")).toBeVisible();
  await expect(comments.getByText("(edited)")).toBeVisible();
  await comments.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this comment?" });
  await confirm.getByRole("button", { name: "Delete comment" }).click();
  await expect(page.getByText("Comment deleted")).toBeVisible();
  await expect(page.getByRole("list", { name: "Comments" })).toHaveCount(0);

  // Attach a file through the REST upload, download link included, then delete it after confirming.
  await page.getByLabel("Attach a file").setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("hello from the tasks spec"),
  });
  // Choosing a file uploads it at once (no separate Upload step).
  await expect(page.getByText("File attached")).toBeVisible();
  const files = page.getByRole("list", { name: "Attachments" });
  const link = files.getByRole("link", { name: "notes.txt", exact: true });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute("href")) ?? "");
  expect(await download.text()).toBe("hello from the tasks spec");
  await files.getByRole("button", { name: "Delete" }).click();
  await page
    .getByRole("alertdialog", { name: "Delete “notes.txt”?" })
    .getByRole("button", { name: "Delete attachment" })
    .click();
  await expect(page.getByText("Attachment deleted")).toBeVisible();
  await expect(files).toHaveCount(0);

  // An image dropped on the drop zone shows as a thumbnail loaded through the authorized route.
  // Built in the page (a DataTransfer cannot cross from Node); the PNG is a 2×2 red square.
  const drop = await page.evaluateHandle(`(() => {
    const bytes = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "pixel.png", { type: "image/png" }));
    return transfer;
  })()`);
  await page.getByTestId("attachment-drop-zone").dispatchEvent("drop", { dataTransfer: drop });
  const thumbnail = files.getByTestId("attachment-thumbnail");
  await expect(thumbnail).toBeVisible();
  await expect
    .poll(() =>
      thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBeGreaterThan(0);
  await files.getByRole("button", { name: "Delete" }).click();
  await page
    .getByRole("alertdialog", { name: "Delete “pixel.png”?" })
    .getByRole("button", { name: "Delete attachment" })
    .click();
  await expect(files).toHaveCount(0);

  // Edit fields in the dialog; the description renders as Markdown without raw HTML, and the timeline records it.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit task" });
  await edit.getByRole("combobox", { name: "Priority" }).click();
  await page.getByRole("option", { name: "High" }).click();
  await edit
    .getByLabel("Description")
    .fill(
      "**Bold words** and a [docs link](https://example.com)\n\n<b>raw html</b><img src=x onerror=alert(1)>",
    );
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Task ${key}-3 saved`)).toBeVisible();
  await expect(edit).toBeHidden();
  await expect(page.locator("strong", { hasText: "Bold words" })).toBeVisible();
  const docsLink = page.getByRole("link", { name: "docs link" });
  await expect(docsLink).toHaveAttribute("href", "https://example.com");
  await expect(docsLink).toHaveAttribute("rel", "noopener noreferrer");
  // Raw HTML is dropped: its text stays, no element is created, no image loads.
  await expect(page.getByText("raw html")).toBeVisible();
  await expect(page.locator("b", { hasText: "raw html" })).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(
    "changed priority from Medium to High",
  );

  // The timeline shows the creation.
  await expect(
    page.getByRole("list", { name: "Activity" }).getByText("created the task"),
  ).toBeVisible();

  // Clean up: deleting the project removes its tasks from view.
  const del = await page.request.post("/api/trpc/project.delete", {
    headers: { "x-tenantry-org": "acme", ...sameOrigin() },
    data: { json: { id: projectId } },
  });
  expect(del.status()).toBe(200);
});

test("the command palette finds a task and the analytics page charts the project", async ({
  page,
}, testInfo) => {
  await signInAndOpenProjects(page);
  const stamp = Date.now().toString(36).toUpperCase();
  const key = `A${stamp.slice(-8)}`;
  const projectId = await createProject(page, `Analytics e2e ${stamp}`, key);
  const title = `Quarterly ${stamp} report`;
  for (const [t, status, priority] of [
    [title, "DONE", "HIGH"],
    [`Second ${stamp}`, "TODO", "URGENT"],
  ] as const) {
    const res = await page.request.post("/api/trpc/task.create", {
      headers: { "x-tenantry-org": "acme", ...sameOrigin() },
      data: { json: { projectId, title: t, status, priority } },
    });
    expect(res.status()).toBe(200);
  }

  // ⌘K searches tasks on the server.
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await page.keyboard.type(`Quarterly ${stamp}`);
  const option = palette.getByRole("option", { name: `${key}-1 ${title}` });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // Analytics: the sidebar entry, counters and a project filter.
  await page
    .getByRole("navigation", { name: "Organization" })
    .getByRole("link", { name: "Analytics" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tasks by status" })).toBeVisible();
  await page.getByRole("combobox", { name: "Project" }).click();
  await page.getByRole("option", { name: `Analytics e2e ${stamp}` }).click();
  await expect(page.getByText("Total tasks").locator("..")).toContainText("2");
  await expect(page.getByText("Completed this week").locator("..")).toContainText("1");
  await expect(
    page.getByRole("figure", { name: /Tasks by priority: Low: 0, Medium: 0, High: 1, Urgent: 1/ }),
  ).toBeVisible();

  await expectNoSeriousA11yViolations(page, "analytics");
  await screenshot(page, testInfo, "analytics");

  const del = await page.request.post("/api/trpc/project.delete", {
    headers: { "x-tenantry-org": "acme", ...sameOrigin() },
    data: { json: { id: projectId } },
  });
  expect(del.status()).toBe(200);
});
