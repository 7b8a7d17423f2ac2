// Automated accessibility check (axe, WCAG 2.1 A/AA) over the main pages in both themes: zero serious or
// critical violations. Creates no data (projects.spec.ts, which runs after this file, counts projects).
import { expect, test } from "@playwright/test";

import type { ThemeName } from "../../support/ui";
import {
  expectNoSeriousA11yViolations,
  gotoHydrated,
  signInAndOpenProjects,
  useTheme,
} from "../../support/ui";

for (const theme of ["light", "dark"] as ThemeName[]) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await useTheme(page, theme);
    });

    test("sign-in page, including its error state", async ({ page }) => {
      await page.goto("/sign-in");
      await expectNoSeriousA11yViolations(page, "sign-in");
      await page.getByLabel("Email").fill("demo@tenantry.dev");
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Email or password is incorrect")).toBeVisible();
      await expectNoSeriousA11yViolations(page, "sign-in with error");
    });

    test("organization pages, dialogs, menus and the command palette", async ({ page }) => {
      test.slow(); // ten axe scans over eight pages, on a shared CI machine
      await signInAndOpenProjects(page);
      await expectNoSeriousA11yViolations(page, "projects");

      await page.getByRole("button", { name: "New project" }).click();
      const dialog = page.getByRole("dialog", { name: "New project" });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: "Create project" }).click();
      await expect(dialog.getByText("Name is required")).toBeVisible();
      await expectNoSeriousA11yViolations(page, "create-project dialog with errors");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();

      await page.getByRole("button", { name: /^Account menu/ }).click();
      await expect(page.getByRole("menu")).toBeVisible();
      await expectNoSeriousA11yViolations(page, "user menu");
      await page.keyboard.press("Escape");

      await page.keyboard.press("Control+k");
      await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "command palette");
      await page.keyboard.press("Escape");

      await page.getByLabel("Filter projects").fill("zzz-no-such-project");
      await expect(page.getByRole("heading", { name: "No matching projects" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "projects empty state");
      await page.getByRole("button", { name: "Clear filter" }).click();

      await page.getByRole("link", { name: "Website relaunch" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Website relaunch" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "project detail");

      // A task page with its editable property pills (the seed gives every demo project tasks).
      await page.getByRole("list", { name: "To do tasks" }).getByRole("link").first().click();
      await expect(page.getByRole("combobox", { name: /^Status of / })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "task page");

      await page.goto("/o/acme/home");
      await expect(page.getByRole("heading", { level: 2, name: "My tasks" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "home");
      await page.keyboard.press("?");
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "shortcut sheet");
      await page.keyboard.press("Escape");

      await page.goto("/o/acme/activity");
      await expect(page.getByRole("table", { name: "Activity" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "activity");

      await page.goto("/o/acme/projects/00000000-0000-4000-8000-000000000000");
      await expect(page.getByRole("heading", { name: "Project not found" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "project not found");
    });

    test("task table editors, new-task pickers, the profile in the shell and the roles editor", async ({
      page,
    }) => {
      test.slow(); // several pages in one test, on a shared CI machine
      await signInAndOpenProjects(page);
      await page.getByRole("link", { name: "Website relaunch" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Website relaunch" })).toBeVisible();
      const projectUrl = new URL(page.url()).pathname;

      // The table view with a pill editor in every cell, and the create dialog with its pickers.
      await gotoHydrated(page, `${projectUrl}?view=table`);
      await expect(page.getByRole("combobox", { name: /^Priority of / }).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, "task table with inline editors");
      await page.getByRole("button", { name: "New task" }).click();
      const newTask = page.getByRole("dialog", { name: "New task" });
      await expect(newTask.getByRole("button", { name: /^Assignees:/ })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "new-task dialog");
      await page.keyboard.press("Escape");
      await expect(newTask).toBeHidden();

      // Account pages inside the shell, and the roles editor.
      await gotoHydrated(page, "/settings/profile");
      await expect(page.getByLabel("Time zone")).toBeVisible();
      await expectNoSeriousA11yViolations(page, "profile (account, in the shell)");
      await gotoHydrated(page, "/o/acme/settings/roles");
      await expect(page.getByRole("table", { name: "Permission matrix" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "roles editor");
    });

    test("phone layout with the navigation sheet open", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signInAndOpenProjects(page);
      await expectNoSeriousA11yViolations(page, "projects (phone)");
      await page.getByRole("button", { name: "Open navigation" }).click();
      await expect(page.getByRole("dialog", { name: "Navigation" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "navigation sheet (phone)");
    });
  });
}
