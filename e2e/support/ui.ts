// Browser helpers for the "ui" specs: signing in, themes, viewports, screenshots kept as test artifacts,
// the axe check, and keyboard-only navigation.
import type { Locator, Page, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { expect } from "@playwright/test";

import { DEMO, signInApi } from "./auth";

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
export type ThemeName = "light" | "dark";

/** Signs the page's browser context in (cookies are shared with page.request) and opens the projects page. */
export async function signInAndOpenProjects(page: Page, user = DEMO): Promise<void> {
  await signInApi(page.request, user);
  await page.goto("/o/acme/projects");
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  // Hydrated before the caller clicks a button (a click on server-rendered markup does nothing).
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** The app follows the system theme by default; emulating the colour scheme picks light or dark before paint. */
export async function useTheme(page: Page, theme: ThemeName): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
}

/** Waits for fonts and animations to settle, then saves a full-page PNG into the test's output folder. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  // Strings: this package compiles without DOM types; the code runs in the page.
  await page.evaluate("document.fonts.ready.then(() => true)");
  await page.waitForTimeout(250);
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  await testInfo.attach(name, { path, contentType: "image/png" });
  return path;
}

/** Runs axe (WCAG 2.1 A/AA rules) and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  const summary = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

async function isFocused(locator: Locator): Promise<boolean> {
  try {
    await expect(locator).toBeFocused({ timeout: 50 });
    return true;
  } catch {
    return false;
  }
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it is not reached within `max` presses. */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { max?: number; backwards?: boolean } = {},
): Promise<void> {
  const max = options.max ?? 40;
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `not reachable with ${max} presses of Tab`).toBeFocused();
}

/**
 * Opens a page and waits until React has hydrated it (apps/web marks html[data-hydrated]); text filled into a
 * server-rendered field before that can be lost, which made form specs flaky.
 */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Reloads a page and waits for hydration again: a click on a server-rendered control before that does nothing. */
export async function reloadHydrated(page: Page): Promise<void> {
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
