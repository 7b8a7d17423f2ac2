// A custom role built in the permission matrix restricts what its holder sees and may open.
import { expect, test } from "@playwright/test";

import { expectNoSeriousA11yViolations } from "../../support/ui";
import { acmeOwner, inviteFromMembersPage, newVerifiedUser } from "./org-helpers";

test("a member with a read-only custom role sees the restriction", async ({ browser }) => {
  const stamp = Date.now();
  const roleName = `Read only ${stamp}`;
  const email = `reader-${stamp}@example.test`;
  const owner = await acmeOwner(browser);

  await owner.goto("/o/acme/settings/roles");
  await owner.getByLabel("New role name").fill(roleName);
  await owner.getByRole("button", { name: "Create role" }).click();
  for (const permission of ["organization.read", "project.read"]) {
    await owner.getByRole("checkbox", { name: `${roleName}: ${permission}` }).click();
  }
  await owner.getByRole("button", { name: `Save ${roleName}` }).click();
  await expect(owner.getByRole("checkbox", { name: `${roleName}: project.read` })).toBeChecked();
  await owner.reload();
  await expect(owner.getByRole("checkbox", { name: `${roleName}: project.read` })).toBeChecked();
  await expect(
    owner.getByRole("checkbox", { name: `${roleName}: project.create` }),
  ).not.toBeChecked();

  const link = await inviteFromMembersPage(owner, email, roleName);
  const reader = await newVerifiedUser(browser, {
    name: "Rita Reader",
    email,
    organization: `Reader Co ${stamp}`,
  });
  await reader.goto(link);
  await expect(reader.getByText(`as ${roleName}`)).toBeVisible();
  await reader.getByRole("button", { name: "Accept invitation" }).click();
  await expect(reader).toHaveURL(/\/o\/acme\/projects$/);
  await expect(reader.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();

  // The sidebar hides what the role lacks, and the pages refuse it too.
  const nav = reader.getByRole("navigation").first();
  await expect(nav.getByRole("link", { name: "Projects" })).toBeVisible();
  await expect(reader.getByRole("link", { name: "Members" })).toHaveCount(0);
  await expect(reader.getByRole("link", { name: "Activity" })).toHaveCount(0);
  await reader.goto("/o/acme/settings/members");
  await expect(reader.getByText("You don't have access to this page")).toBeVisible();
  await expect(reader.getByText(`Your role (${roleName}) does not include`)).toBeVisible();

  // The owner's other settings pages render and pass the accessibility check.
  for (const [path, heading] of [
    ["members", "Members"],
    ["general", "Organization settings"],
    ["teams", "Teams"],
    ["plan", "Plan & usage"],
  ] as const) {
    await owner.goto(`/o/acme/settings/${path}`);
    await expect(owner.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoSeriousA11yViolations(owner, `${path} settings`);
  }
});
