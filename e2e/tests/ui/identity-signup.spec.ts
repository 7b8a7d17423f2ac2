// Sign-up → verify through the local outbox → sign-in → sign-out, as a new user would do it.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

const PASSWORD = "correct horse battery staple 42";

/** Opens the newest mailed link to `path` for `email` from /dev/outbox. */
async function openMailedLink(page: Page, email: string, path: string): Promise<void> {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const link = page.getByRole("link", { name: new RegExp(`${path}\\?token=`) }).first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  await page.goto(href ?? "");
}

test("sign up, verify the email from the outbox, sign in and sign out", async ({ page }) => {
  const stamp = Date.now();
  const email = `new-${stamp}@example.test`;
  const orgName = `Signup Co ${stamp}`;

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);

  // The policy answers on the field: a common password is refused.
  await page.getByLabel("Your name").fill("Nina New");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password123");
  await page.getByLabel("Organization name").fill(orgName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/too common/)).toBeVisible();

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();

  // Not verified yet: sign-in says so (the password is right).
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText(
    "Verify your email address first",
  );

  await openMailedLink(page, email, "/verify-email");
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page.getByText(`Your email address ${email} is verified`)).toBeVisible();
  await page.getByRole("link", { name: "Continue to sign in" }).click();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The new organization (slug from its name) is the user's home.
  await expect(page).toHaveURL(new RegExp(`/o/signup-co-${stamp}/home$`));

  await page.goto("/settings/sessions");
  await expect(page.getByText("This device")).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an already-registered email gets the same sign-up answer", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone");
  await page.getByLabel("Email").fill("demo@tenantry.dev");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organization name").fill("Copycat");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
});
