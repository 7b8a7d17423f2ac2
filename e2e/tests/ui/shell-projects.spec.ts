// The shell around the projects pages: create / rename / delete with progress, toasts and confirmation, the
// organization switcher, breadcrumbs, the phone navigation sheet and theme switching. Runs after projects.spec.ts
// and removes what it creates.
import { expect, test } from "@playwright/test";

import { signInAndOpenProjects } from "../../support/ui";

test("create, rename and delete a project with confirmation and toasts", async ({ page }) => {
  await signInAndOpenProjects(page);
  const list = page.getByRole("list", { name: "Projects" });
  const name = `Shell project ${Date.now()}`;

  // Client-side validation shows the shared zod schema's message.
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill("   ");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel(/Description/).fill("Made by the shell spec");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText(`Project “${name}” created`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(list.getByRole("link", { name, exact: true })).toBeVisible();

  // Rename from the card's menu.
  const renamed = `${name} (renamed)`;
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Edit…" }).click();
  const edit = page.getByRole("dialog", { name: "Edit project" });
  await expect(edit.getByLabel("Name")).toHaveValue(name);
  await edit.getByLabel("Name").fill(renamed);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Project “${renamed}” saved`)).toBeVisible();
  await expect(list.getByRole("link", { name: renamed, exact: true })).toBeVisible();

  // Open it: breadcrumbs name it; delete asks first, and cancelling keeps it.
  await list.getByRole("link", { name: renamed, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Projects" })).toBeVisible();
  await expect(crumbs.getByText(renamed)).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete “${renamed}”?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  await confirm.getByRole("button", { name: "Delete project" }).click();
  await expect(page.getByText(`Project “${renamed}” deleted`)).toBeVisible();
  await expect(page).toHaveURL(/\/o\/acme\/projects$/);
  await expect(list.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);

  // Gone for real: its page is a not-found state inside the shell.
  await page.reload();
  await expect(list.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
});

test("the command palette creates a project through the dialog and lists settings", async ({
  page,
}) => {
  await signInAndOpenProjects(page);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await page.keyboard.type("profile");
  await expect(palette.getByRole("option", { name: "Settings › Profile" })).toBeVisible();
  await palette.getByRole("combobox").fill("create project");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "New project" })).toBeVisible();
  await expect(page).toHaveURL(/\/o\/acme\/projects$/);
  await page.keyboard.press("Escape");
});

test("organization switcher, phone navigation and theme choice", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndOpenProjects(page);

  // The sidebar is a sheet on phones.
  await expect(page.getByRole("navigation", { name: "Organization" })).toBeHidden();
  await page.getByRole("button", { name: "Open navigation" }).click();
  const sheet = page.getByRole("dialog", { name: "Navigation" });
  await sheet.getByRole("button", { name: /^Switch organization, current: Acme Inc/ }).click();
  await expect(page.getByRole("menuitem", { name: /Acme Inc/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await sheet.getByRole("link", { name: "Activity" }).click();
  await expect(sheet).toBeHidden();
  await expect(page).toHaveURL(/\/o\/acme\/activity$/);
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();

  // Theme from the user menu sticks across reloads (no flash: the class is set before paint).
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});
