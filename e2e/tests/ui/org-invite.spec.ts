// Invite → accept → switch organization, across two browsers (the owner's and the invitee's).
import { expect, test } from "@playwright/test";

import { acmeOwner, inviteFromMembersPage, newVerifiedUser } from "./org-helpers";

test("an invited user accepts and switches between their organizations", async ({ browser }) => {
  const stamp = Date.now();
  const email = `invitee-${stamp}@example.test`;
  const ownOrg = `Invitee Co ${stamp}`;
  const invitee = await newVerifiedUser(browser, {
    name: "Ivy Invitee",
    email,
    organization: ownOrg,
  });
  const owner = await acmeOwner(browser);

  const link = await inviteFromMembersPage(owner, email, "Member");

  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Acme Inc" })).toBeVisible();
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(/\/o\/acme\/projects$/);

  // The link is single-use.
  await invitee.goto(link);
  await expect(invitee.getByText("This invitation has already been used")).toBeVisible();

  // Switch to their own organization and back through the switcher.
  await invitee.goto("/o/acme/projects");
  await invitee.getByRole("button", { name: /Switch organization/ }).click();
  await invitee.getByRole("menuitem", { name: ownOrg }).click();
  await expect(invitee).toHaveURL(new RegExp(`/o/invitee-co-${stamp}/home$`));
  await invitee.getByRole("button", { name: /Switch organization/ }).click();
  await invitee.getByRole("menuitem", { name: "Acme Inc" }).click();
  await expect(invitee).toHaveURL(/\/o\/acme\/home$/);

  // The owner sees the new member in the table, and no longer as pending.
  await owner.reload();
  const members = owner.getByRole("table", { name: "Members" });
  await expect(members.getByRole("cell", { name: email })).toBeVisible();
  await expect(
    owner.getByRole("list", { name: "Pending invitations" }).getByText(email),
  ).toHaveCount(0);
});
