// Invite → accept → switch organization, across two browsers (the owner's and the invitee's); and an invitation to an
// existing user shows up in their own notifications (not a member of the inviting organization yet) with Accept.
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

test("an existing user accepts an invitation from their notifications", async ({ browser }) => {
  const stamp = Date.now();
  const email = `bell-invitee-${stamp}@example.test`;
  const invitee = await newVerifiedUser(browser, {
    name: "Bea Bell",
    email,
    organization: `Bell Co ${stamp}`,
  });
  const owner = await acmeOwner(browser);
  await inviteFromMembersPage(owner, email, "Member");

  // In their own organization, the bell counts the invitation and the notifications page offers it.
  await invitee.goto(`/o/bell-co-${stamp}/home`);
  const bell = invitee.getByRole("link", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await bell.click();
  const invitations = invitee.getByRole("region", { name: "Invitations" });
  const item = invitations.getByRole("listitem").filter({
    hasText: "Dana Demo invited you to Acme Inc as Member",
  });
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: "Accept" }).click();
  await expect(invitee).toHaveURL(/\/o\/acme\/home$/);

  // Joined: the invitation is gone from the list, and the owner is told (INVITATION_ACCEPTED).
  await invitee.goto("/o/acme/notifications");
  await expect(invitee.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(invitee.getByRole("region", { name: "Invitations" })).toHaveCount(0);
  await owner.goto("/o/acme/notifications");
  await expect(
    owner
      .getByRole("list", { name: "Notifications" })
      .getByRole("link", { name: "Bea Bell accepted your invitation to Acme Inc" })
      .first(),
  ).toBeVisible();
});
