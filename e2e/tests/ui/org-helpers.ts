// Helpers for the organization specs (org-*.spec.ts): a brand-new verified user, and the invite link an owner
// copies from the members page (the invitation e2e does not depend on email delivery).
import type { Browser, Page } from "@playwright/test";
import { expect } from "@playwright/test";

import { DEMO, signInApi } from "../../support/auth";

export const PASSWORD = "correct horse battery staple 42";

/** Signs up through the real form, verifies through /dev/outbox and signs the page in. */
export async function newVerifiedUser(
  browser: Browser,
  opts: { name: string; email: string; organization: string },
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(opts.name);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organization name").fill(opts.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();

  // The mail may commit a moment after the page answers (a loaded machine): look again until it is there.
  const link = page.getByRole("link", { name: /\/verify-email\?token=/ }).first();
  await expect(async () => {
    await page.goto(`/dev/outbox?to=${encodeURIComponent(opts.email)}`);
    await expect(link).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.goto((await link.getAttribute("href")) ?? "");
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page.getByText(`Your email address ${opts.email} is verified`)).toBeVisible();

  await signInApi(page.request, { email: opts.email, password: PASSWORD });
  return page;
}

/** The seeded owner of Acme, signed in in a context of their own. */
export async function acmeOwner(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInApi(page.request, DEMO);
  return page;
}

/** Invites `email` from Acme's members page with the role option `roleName`; returns the copied invite link. */
export async function inviteFromMembersPage(
  owner: Page,
  email: string,
  roleName: string,
): Promise<string> {
  await owner.goto("/o/acme/settings/members");
  await expect(owner.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await owner.getByLabel("Email").fill(email);
  await owner.getByRole("combobox", { name: "Role", exact: true }).click();
  await owner.getByRole("option", { name: roleName, exact: true }).click();
  await owner.getByRole("button", { name: "Invite", exact: true }).click();
  const linkField = owner.getByLabel(`Invite link for ${email}`);
  await expect(linkField).toHaveValue(/\/invite\//);
  await expect(
    owner.getByRole("list", { name: "Pending invitations" }).getByText(email),
  ).toBeVisible();
  return linkField.inputValue();
}
