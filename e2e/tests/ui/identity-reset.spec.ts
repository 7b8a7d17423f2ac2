// Password reset through the local outbox, and revoking another browser's session from the sessions page.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { gotoHydrated } from "../../support/ui";

const PASSWORD = "first passphrase for reset";
const NEW_PASSWORD = "second passphrase after reset";

async function mailedLink(page: Page, email: string, path: string): Promise<string> {
  await gotoHydrated(page, `/dev/outbox?to=${encodeURIComponent(email)}`);
  const link = page.getByRole("link", { name: new RegExp(`${path}\\?token=`) }).first();
  await expect(link).toBeVisible();
  return (await link.getAttribute("href")) ?? "";
}

/** A verified user of their own, so the seeded demo account stays as other specs expect it. */
async function verifiedUser(page: Page, label: string): Promise<string> {
  const email = `${label}-${Date.now()}@example.test`;
  await gotoHydrated(page, "/sign-up");
  await page.getByLabel("Your name").fill("Reset Tester");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organization name").fill(`Org ${label} ${Date.now()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
  await gotoHydrated(page, await mailedLink(page, email, "/verify-email"));
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page.getByText(/is verified/)).toBeVisible();
  return email;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await gotoHydrated(page, "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("reset the password from the emailed link; old password and old sessions stop working", async ({
  page,
  browser,
}) => {
  const email = await verifiedUser(page, "reset");
  // A second browser is signed in before the reset.
  const other = await newPage(browser);
  await signIn(other, email, PASSWORD);
  await expect(other).toHaveURL(/\/o\/[^/]+\/home$/);

  await gotoHydrated(page, "/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // The sign-in page has an "Email" field too: fill only once the forgot-password form has replaced it.
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("button", { name: "Send reset link" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(`If an account exists for ${email}`)).toBeVisible();

  // Unknown addresses get the very same answer.
  await gotoHydrated(page, "/forgot-password");
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(/If an account exists for nobody-/)).toBeVisible();

  const link = await mailedLink(page, email, "/reset-password");
  await gotoHydrated(page, link);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password has been changed")).toBeVisible();

  // The link worked once.
  await gotoHydrated(page, link);
  await page.getByLabel("New password").fill("a third passphrase here");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText(
    "invalid or has expired",
  );

  // The other browser was signed out by the reset.
  await gotoHydrated(other, "/");
  await expect(other).toHaveURL(/\/sign-in$/);

  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "Email or password is incorrect",
  );
  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/o\/[^/]+\/home$/);
});

test("revoking a session from the sessions page signs that browser out", async ({
  page,
  browser,
}) => {
  const email = await verifiedUser(page, "sessions");
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/o\/[^/]+\/home$/);
  const other = await newPage(browser);
  await signIn(other, email, PASSWORD);
  await expect(other).toHaveURL(/\/o\/[^/]+\/home$/);

  await gotoHydrated(page, "/settings/sessions");
  const sessions = page.getByRole("list", { name: "Sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(sessions).toHaveCount(1);

  await other.reload();
  await expect(other).toHaveURL(/\/sign-in$/);
  // This browser is still signed in.
  await gotoHydrated(page, "/settings/profile");
  await expect(page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
});
