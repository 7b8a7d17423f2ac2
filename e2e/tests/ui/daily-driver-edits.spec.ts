// Issue 18, second part: every property editable in the task table (optimistic, rolled back on an error), the
// account pages inside the app shell with the time zone setting, and a confirmation before a member's role changes.
import { expect, test } from "@playwright/test";

import { sameOrigin, signInApi } from "../../support/auth";
import { gotoHydrated, reloadHydrated } from "../../support/ui";

const ORG = { "x-tenantry-org": "acme" };

test("the table edits a task's priority in its cell and rolls back when the server refuses", async ({
  page,
}) => {
  await signInApi(page.request);
  const res = await page.request.get(
    `/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 50 } }))}`,
    { headers: ORG },
  );
  const projects = (
    (await res.json()) as { result: { data: { json: { items: { id: string; name: string }[] } } } }
  ).result.data.json.items;
  const project = projects.find((p) => p.name === "Billing migration");
  expect(project).toBeDefined();
  const title = `Cell edit ${Date.now()}`;
  const created = await page.request.post("/api/trpc/task.create", {
    headers: { ...ORG, ...sameOrigin() },
    data: { json: { projectId: project?.id, title } },
  });
  const task = ((await created.json()) as { result: { data: { json: { reference: string } } } })
    .result.data.json;

  await gotoHydrated(page, `/o/acme/projects/${project?.id}?view=table`);
  const table = page.getByRole("table", { name: "Tasks" });
  await page.getByLabel("Search tasks").fill(title);
  await expect(table.getByRole("row")).toHaveCount(2);
  const priority = table.getByRole("combobox", { name: `Priority of ${task.reference}` });
  await priority.click();
  await page.getByRole("option", { name: "Urgent" }).click();
  await expect(page.getByText(`${task.reference}: priority set to Urgent`)).toBeVisible();
  await reloadHydrated(page);
  await expect(table.getByRole("combobox", { name: `Priority of ${task.reference}` })).toHaveText(
    "Urgent",
  );

  // A refused change shows at once, then goes back with the error.
  await page.route("**/api/trpc/task.update**", (route) => route.abort());
  await table.getByRole("combobox", { name: `Priority of ${task.reference}` }).click();
  await page.getByRole("option", { name: "Low" }).click();
  await expect(page.getByText(/The change was not saved/)).toBeVisible();
  await expect(table.getByRole("combobox", { name: `Priority of ${task.reference}` })).toHaveText(
    "Urgent",
  );
  await page.unroute("**/api/trpc/task.update**");

  // Assignees from the cell's searchable picker.
  await table.getByRole("button", { name: new RegExp(`^Assignees of ${task.reference}`) }).click();
  await page.getByRole("combobox", { name: "Search assignees" }).fill("Dana");
  await page.getByRole("option", { name: /Dana Demo/ }).click();
  await page.keyboard.press("Escape");
  await expect(
    table.getByRole("button", { name: `Assignees of ${task.reference}: Dana Demo` }),
  ).toBeVisible();
});

test("account pages sit in the app shell and keep a display time zone", async ({ page }) => {
  await signInApi(page.request);
  await gotoHydrated(page, "/settings/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  // The organization's sidebar and the account tabs are there.
  await expect(page.getByRole("link", { name: "Projects" }).first()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toBeVisible();
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await reloadHydrated(page);
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  // Back to the browser's zone, as the other specs expect.
  await page.getByLabel("Time zone").selectOption("");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
});

test("a member's role changes only after confirming", async ({ page }) => {
  await signInApi(page.request);
  await gotoHydrated(page, "/o/acme/settings/members");
  const select = page.getByRole("combobox", { name: "Role of Dana Demo" });
  const before = (await select.textContent()) ?? "";
  await select.click();
  await page
    // Exact: other specs leave custom roles such as "Viewer only" in Acme.
    .getByRole("option", { name: before.trim() === "Viewer" ? "Member" : "Viewer", exact: true })
    .click();
  const confirm = page.getByRole("alertdialog", { name: /Change Dana Demo’s role/ });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(select).toHaveText(before);
});
