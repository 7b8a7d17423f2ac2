// Create an organization from the switcher → land on its projects → switch back; an archived organization shows the
// read-only banner on every page (archiving is an owner action, so no platform admin is needed).
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { signInAndOpenProjects } from "../../support/ui";

/**
 * Opens the organization switcher and picks an entry, reopening it if the menu closes under the click (the menu
 * re-renders while the organization list refreshes after a navigation).
 */
async function chooseInSwitcher(page: Page, item: string) {
  await expect(async () => {
    const entry = page.getByRole("menuitem", { name: item, exact: true });
    if (!(await entry.isVisible())) {
      await page.getByRole("button", { name: /Switch organization/ }).click();
    }
    await entry.click({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test("creates an organization from the switcher, switches back, and shows the archived banner", async ({
  page,
}) => {
  const stamp = Date.now();
  const name = `Created Co ${stamp}`;
  const slug = `created-co-${stamp}`;
  await signInAndOpenProjects(page);

  // Only platform admins get the console link; the demo user is an organization owner, not platform staff.
  await page.getByRole("button", { name: /Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: "Profile" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Admin console" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  // Focus returns to the account menu's trigger as it closes; opening the switcher before that lets the returning
  // focus close the (non-modal) switcher menu again.
  await expect(page.getByRole("menuitem", { name: "Profile" })).toBeHidden();
  await expect(page.getByRole("button", { name: /Account menu/ })).toBeFocused();

  const dialog = page.getByRole("dialog", { name: "Create organization" });
  await expect(async () => {
    if (!(await page.getByRole("menuitem", { name: "Create organization" }).isVisible())) {
      await page.getByRole("button", { name: /Switch organization/ }).click();
    }
    await page.getByRole("menuitem", { name: "Create organization" }).click({ timeout: 2_000 });
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  // A taken slug is refused at the slug field, and the dialog stays open.
  await dialog.getByLabel("Organization name").fill(name);
  await expect(dialog.getByLabel("URL slug")).toHaveValue(slug);
  await dialog.getByLabel("URL slug").fill("acme");
  await dialog.getByRole("button", { name: "Create organization" }).click();
  await expect(dialog.getByText("This URL slug is already taken")).toBeVisible();

  await dialog.getByLabel("URL slug").fill(slug);
  await dialog.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/projects$`));
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Switch organization/ })).toContainText(name);
  await expect(page.getByRole("status").filter({ hasText: "read-only" })).toHaveCount(0);

  // Back to Acme, then to the new organization again: both are in the switcher.
  await chooseInSwitcher(page, "Acme Inc");
  await expect(page).toHaveURL(/\/o\/acme\/home$/);
  // Seen once in CI under load: the click on the entry landed while the browser-fetched list re-rendered and no
  // switch happened; the switch is chosen again until the page is the new organization's.
  await expect(async () => {
    await chooseInSwitcher(page, name);
    await expect(page).toHaveURL(new RegExp(`/o/${slug}/home$`), { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  // The session remembers where it was: the home page returns to the organization last switched to.
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/home$`));

  // Archive it (owner): the layout's banner explains the read-only state on every organization page.
  await page.goto(`/o/${slug}/settings/general`);
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive" }).click();
  const banner = page.getByRole("status").filter({ hasText: "archived and read-only" });
  await expect(banner).toBeVisible();
  await expect(banner).toHaveCount(1);
  await page.goto(`/o/${slug}/projects`);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await expect(banner).toBeVisible();
  // Acme itself is unaffected.
  await page.goto("/o/acme/projects");
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "read-only" })).toHaveCount(0);
});
