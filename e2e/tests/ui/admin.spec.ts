// The platform-admin console (/admin) as the run's platform admin (created by scripts/run.ts with `pnpm admin:grant`):
// suspend and reinstate an organization with a reason (its member sees the read-only banner), issue a license that
// the member seats themselves on, look at a user, reset their failed sign-ins and sign them out everywhere, and find
// all of it in the platform audit. An ordinary user gets a not-found page at /admin.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { signInApi } from "../../support/auth";
import { expectNoSeriousA11yViolations } from "../../support/ui";
import { acmeOwner, newVerifiedUser } from "./org-helpers";

// eslint-disable-next-line no-restricted-syntax -- set by scripts/run.ts for this run
const { E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD } = process.env;

async function platformAdmin(page: Page): Promise<void> {
  if (!E2E_ADMIN_EMAIL || !E2E_ADMIN_PASSWORD) {
    throw new Error("E2E_ADMIN_EMAIL / E2E_ADMIN_PASSWORD are set by e2e/scripts/run.ts");
  }
  await signInApi(page.request, { email: E2E_ADMIN_EMAIL, password: E2E_ADMIN_PASSWORD });
}

test("a non-admin opening /admin gets a not-found page", async ({ browser }) => {
  const owner = await acmeOwner(browser);
  await owner.goto("/admin");
  await expect(owner.getByText("Page not found")).toBeVisible();
  await owner.goto("/admin/audit");
  await expect(owner.getByText("Page not found")).toBeVisible();
  await owner.context().close();
});

test("suspends, reinstates, licenses, unlocks and audits through the console", async ({
  browser,
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const orgName = `Console Target ${stamp}`;
  const email = `console-${stamp}@example.test`;
  const member = await newVerifiedUser(browser, {
    name: "Mia Member",
    email,
    organization: orgName,
  });
  await member.goto("/");
  await expect(member).toHaveURL(/\/o\/[^/]+\/home$/);
  const orgPath = new URL(member.url()).pathname.replace(/\/home$/, "");

  await platformAdmin(page);
  await page.goto(`/admin?q=${encodeURIComponent(orgName)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Platform admin" })).toBeVisible();
  await page
    .getByRole("table", { name: "Organizations" })
    .getByRole("link", { name: orgName })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  // Suspend with a reason: the member sees why their organization is read-only.
  await page.getByLabel(`Reason to suspend ${orgName}`).fill("Unpaid invoices");
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(page.getByText("Unpaid invoices").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Reinstate", exact: true })).toBeVisible();
  await member.goto(`${orgPath}/projects`);
  await expect(
    member.getByRole("status").filter({ hasText: "suspended by the platform and read-only" }),
  ).toContainText("Unpaid invoices");

  await page.getByLabel(`Reason to reinstate ${orgName}`).fill("Invoices paid");
  await page.getByRole("button", { name: "Reinstate", exact: true }).click();
  await expect(page.getByRole("button", { name: "Suspend", exact: true })).toBeVisible();
  await member.reload();
  await expect(member.getByRole("status").filter({ hasText: "read-only" })).toHaveCount(0);

  // Issue a one-seat license; the member (owner, license.manage) takes the seat in their plan settings.
  const issue = page.getByRole("form", { name: "Issue a license" });
  await issue.getByLabel("Type").fill("CONSOLE");
  await issue.getByLabel("Seats").fill("1");
  await issue.getByRole("button", { name: "Issue license" }).click();
  const licenses = page.getByRole("list", { name: "Licenses" });
  await expect(licenses).toContainText("CONSOLE");
  await expect(licenses).toContainText("0 / 1 seats");
  await expectNoSeriousA11yViolations(page, "admin organization page");

  await member.goto(`${orgPath}/settings/plan`);
  await expect(member.getByText("0 / 1 seats used")).toBeVisible();
  await member.getByRole("combobox", { name: "Member to seat on the CONSOLE license" }).click();
  await member.getByRole("option", { name: /Mia Member/ }).click();
  await member.getByRole("button", { name: "Assign seat" }).click();
  await expect(member.getByText("1 / 1 seats used")).toBeVisible();
  await expectNoSeriousA11yViolations(member, "plan page with seats");
  await expect(
    member.getByRole("list", { name: "Seat holders of the CONSOLE license" }),
  ).toContainText(email);

  // The user's page: organizations and roles; reset a failed sign-in, then sign them out everywhere.
  const stranger = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const csrf = (await (await stranger.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await stranger.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password: "not the password" },
    maxRedirects: 0,
  });
  await stranger.dispose();

  await page.goto(`/admin?q=${encodeURIComponent(email)}`);
  await page
    .getByRole("table", { name: "Users" })
    .getByRole("link", { name: "Mia Member" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Mia Member" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Memberships" })).toContainText(orgName);
  await expect(page.getByRole("table", { name: "Memberships" })).toContainText("Owner");
  await expectNoSeriousA11yViolations(page, "admin user page");
  await expect(
    page.getByText("1 failed password sign-in since the last successful one"),
  ).toBeVisible();
  await page.getByRole("button", { name: "Reset failed attempts" }).click();
  await expect(
    page.getByText("0 failed password sign-ins since the last successful one"),
  ).toBeVisible();

  await page.getByLabel(`Reason to sign out everywhere ${email}`).fill("Lost laptop");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const userAudit = page.getByRole("table", { name: "Platform audit about this user" });
  await expect(userAudit).toContainText("user.revoke_sessions");
  await expect(userAudit).toContainText("Lost laptop");
  await member.goto(`${orgPath}/projects`);
  await expect(member).toHaveURL(/\/sign-in/);

  // Deactivate (e.g. someone who left), then reactivate: both with a reason, both in the status history.
  await page.getByLabel(`Reason to deactivate ${email}`).fill("Left the company");
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(page.getByText("DEACTIVATED", { exact: true }).first()).toBeVisible();
  await page.getByLabel(`Reason to reactivate ${email}`).fill("Came back");
  await page.getByRole("button", { name: "Reactivate", exact: true }).click();
  await expect(page.getByRole("button", { name: "Deactivate", exact: true })).toBeVisible();
  const history = page.getByRole("list", { name: "Status history" });
  await expect(history).toContainText("Left the company");
  await expect(history).toContainText("Came back");

  // Everything above is in the platform audit, filterable by action.
  await page.goto("/admin");
  await page.getByRole("link", { name: "Platform audit" }).click();
  const audit = page.getByRole("table", { name: "Platform audit entries" });
  for (const action of [
    "organization.suspend",
    "organization.reinstate",
    "license.issue",
    "user.unlock",
    "user.revoke_sessions",
  ]) {
    await expect(audit.getByText(action, { exact: true }).first()).toBeVisible();
  }
  await page.getByLabel("Action").fill("organization.suspend");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=organization.suspend/);
  await expect(audit.getByRole("row").filter({ hasText: orgName })).toContainText(
    "Unpaid invoices",
  );
  await expect(audit.getByText("organization.reinstate")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "platform audit page");
  await member.context().close();
});
