// Screenshots of the main pages in light and dark themes at desktop (1280) and phone (390) widths, saved as test
// artifacts (e2e/test-results/<test>/*.png and attached to the HTML report). Each also asserts what it shows.
import { expect, test } from "@playwright/test";

import type { ThemeName, ViewportName } from "../../support/ui";
import { screenshot, signInAndOpenProjects, useTheme, VIEWPORTS } from "../../support/ui";

for (const theme of ["light", "dark"] as ThemeName[]) {
  for (const viewport of ["desktop", "phone"] as ViewportName[]) {
    test(`main pages, ${theme} theme, ${viewport}`, async ({ page }, testInfo) => {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await useTheme(page, theme);
      const shot = (name: string) => screenshot(page, testInfo, `${name}-${theme}-${viewport}`);

      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Sign in to Tenantry" })).toBeVisible();
      await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
      await shot("sign-in");

      await signInAndOpenProjects(page);
      await expect(
        page.getByRole("list", { name: "Projects" }).getByRole("listitem"),
      ).not.toHaveCount(0);
      await shot("projects");

      await page.getByLabel("Filter projects").fill("no-such-project");
      await expect(page.getByRole("heading", { name: "No matching projects" })).toBeVisible();
      await shot("empty-state");
      await page.getByRole("button", { name: "Clear filter" }).click();

      await page.keyboard.press("Control+k");
      const palette = page.getByRole("dialog", { name: "Command palette" });
      await expect(palette.getByRole("option", { name: "Website relaunch" })).toBeVisible();
      await shot("command-palette");
      await page.keyboard.press("Escape");
      await expect(palette).toBeHidden();

      await page.getByRole("button", { name: "New project" }).click();
      const dialog = page.getByRole("dialog", { name: "New project" });
      await dialog.getByRole("button", { name: "Create project" }).click();
      await expect(dialog.getByText("Name is required")).toBeVisible();
      await shot("create-project-dialog");
      await page.keyboard.press("Escape");

      await page.getByRole("link", { name: "Website relaunch" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Website relaunch" })).toBeVisible();
      await shot("project-detail");

      await page.goto("/o/acme/activity");
      await expect(page.getByRole("table", { name: "Activity" })).toBeVisible();
      await shot("activity");

      if (viewport === "phone") {
        await page.getByRole("button", { name: "Open navigation" }).click();
        await expect(
          page.getByRole("dialog", { name: "Navigation" }).getByRole("link", { name: "Projects" }),
        ).toBeVisible();
        await shot("navigation-sheet");
        await page.keyboard.press("Escape");
      } else {
        await page.getByRole("button", { name: /^Account menu/ }).click();
        await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
        await shot("user-menu");
        await page.keyboard.press("Escape");
      }

      await page.goto("/o/acme/no-such-page");
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await shot("not-found");
    });
  }
}
