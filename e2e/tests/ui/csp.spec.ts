// The UI under its Content-Security-Policy in a real browser: signing in and moving through the dashboard — pages,
// dialogs, the command palette, charts, the theme switch — the browser reports no violation, and the pages work
// (a blocked script would leave them inert). The rest of the ui suite runs under the same policy.
import { expect, test } from "@playwright/test";

import { DEMO } from "../../support/auth";
import { useTheme } from "../../support/ui";

test("no CSP violation from sign-in through the dashboard", async ({ page }) => {
  const violations: string[] = [];
  // Reported to the test across navigations; the listener is injected outside the page's CSP. (Strings: this
  // package compiles without DOM types.)
  await page.exposeFunction("__reportCspViolation", (violation: string) => {
    violations.push(violation);
  });
  await page.addInitScript(`
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__reportCspViolation(
        event.violatedDirective + " " + event.blockedURI + " at " + event.sourceFile + ":" +
          event.lineNumber + " on " + location.pathname,
      );
    });
  `);
  await useTheme(page, "dark");

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/acme\/home$/);
  // next-themes' inline script (it carries the nonce) chose the theme before paint.
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette.getByRole("option", { name: "Website relaunch" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.goto("/o/acme/projects");
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "Website relaunch" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Website relaunch" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Organization" });
  await nav.getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tasks by status" })).toBeVisible();

  for (const [path, heading] of [
    ["/o/acme/activity", "Activity"],
    ["/o/acme/settings/members", "Members"],
    ["/o/acme/settings/tags", "Tags"],
    ["/settings/sessions", "Sessions"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }

  expect(violations).toEqual([]);
});
