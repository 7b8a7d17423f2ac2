// The plan page: the plans compared, a downgrade the organization does not fit refused with what to remove first, an
// upgrade sent as a request (self-service upgrades are off by default), which the platform admin approves in the
// console, where they also changed the plan to begin with.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin, signInApi } from "../../support/auth";
import { acmeOwner } from "./org-helpers";

// eslint-disable-next-line no-restricted-syntax -- set by scripts/run.ts for this run
const { E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD } = process.env;

async function platformAdmin(page: Page): Promise<void> {
  if (!E2E_ADMIN_EMAIL || !E2E_ADMIN_PASSWORD) {
    throw new Error("E2E_ADMIN_EMAIL / E2E_ADMIN_PASSWORD are set by e2e/scripts/run.ts");
  }
  await signInApi(page.request, { email: E2E_ADMIN_EMAIL, password: E2E_ADMIN_PASSWORD });
}

test("compares plans, names what to remove before a downgrade, and requests an upgrade", async ({
  browser,
  page: admin,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const name = `Plan Page ${stamp}`;
  const slug = `plan-page-${stamp}`;
  const owner = await acmeOwner(browser);
  const created = await owner.request.post("/api/trpc/organization.create", {
    headers: sameOrigin(),
    data: { json: { name, slug } },
  });
  expect(created.status()).toBe(200);
  const { id } = ((await created.json()) as { result: { data: { json: { id: string } } } }).result
    .data.json;

  // The platform admin moves it to PRO in the console, with a reason.
  await platformAdmin(admin);
  await admin.goto(`/admin/organizations/${id}`);
  const planForm = admin.getByRole("form", { name: "Change the plan" });
  await planForm.getByRole("combobox", { name: "Plan" }).click();
  await admin.getByRole("option", { name: "PRO", exact: true }).click();
  await planForm.getByLabel("Reason to change the plan").fill("e2e contract");
  await planForm.getByRole("button", { name: "Change plan" }).click();
  await expect(admin.getByText(`${slug} · PRO plan`)).toBeVisible();

  // Four projects: one more than FREE allows.
  for (let i = 1; i <= 4; i += 1) {
    const project = await owner.request.post("/api/trpc/project.create", {
      headers: { ...sameOrigin(), "x-tenantry-org": slug },
      data: { json: { name: `Project ${i}` } },
    });
    expect(project.status()).toBe(200);
  }

  await owner.goto(`/o/${slug}/settings/plan`);
  const plans = owner.getByRole("table", { name: "Plans" });
  await expect(plans.getByRole("columnheader", { name: "ENTERPRISE" })).toBeVisible();
  await expect(plans.getByRole("row", { name: /^Projects/ })).toContainText("3100Unlimited");
  await expect(plans.getByText("Current plan")).toBeVisible();
  await expect(plans.getByRole("note")).toHaveText("To move to FREE, remove 1 project first.");
  await expect(plans.getByRole("button", { name: "Move to FREE" })).toBeDisabled();

  await plans.getByRole("button", { name: "Upgrade to ENTERPRISE" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "ENTERPRISE plan" })).toHaveText(
    /Your request to move to the ENTERPRISE plan is waiting for an answer\./,
  );

  // The admin answers it from the console's queue; the owner's page shows the new plan.
  await admin.goto("/admin");
  const request = admin.getByRole("list", { name: "Plan requests" }).getByRole("listitem").filter({
    hasText: name,
  });
  await expect(request).toContainText("PRO → ENTERPRISE");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(
    admin
      .getByRole("list", { name: "Plan requests" })
      .getByRole("listitem")
      .filter({ hasText: name }),
  ).toHaveCount(0);

  await owner.reload();
  await expect(owner.getByText(`This organization is on the ENTERPRISE plan.`)).toBeVisible();
  await owner.context().close();
});
