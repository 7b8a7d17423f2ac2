// The API reference page renders the generated document in a real browser, offline and under its strict CSP.
import { expect, test } from "@playwright/test";

test("the /api/docs reference renders the OpenAPI document without CSP violations", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  await page.goto("/api/docs");
  await expect(page.getByText("Tenantry REST API").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Exchange email and password for tokens").first()).toBeVisible();
  expect(violations).toEqual([]);
});
