// Notifications: the owner mentions a member in a comment; the member sees the bell's unread count, the sentence in
// the notifications list linked to the task, and clears it with "Mark all read". Before joining, the invitee sees the
// invitation (INVITATION) in their own organization's notifications; after, the owner is told (INVITATION_ACCEPTED)
// that it was accepted.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin } from "../../support/auth";
import { acmeOwner, inviteFromMembersPage, newVerifiedUser } from "./org-helpers";

interface TrpcResult<T> {
  result: { data: { json: T } };
}

async function trpc<T>(page: Page, path: string, json: unknown, method: "query" | "mutation") {
  const headers = { "x-tenantry-org": "acme", ...sameOrigin() };
  const res =
    method === "mutation"
      ? await page.request.post(`/api/trpc/${path}`, { headers, data: { json } })
      : await page.request.get(
          `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json }))}`,
          { headers },
        );
  expect(res.status(), path).toBe(200);
  return ((await res.json()) as TrpcResult<T>).result.data.json;
}

test("a mention shows up in the other member's notifications", async ({ browser }) => {
  const stamp = Date.now();
  const email = `mentioned-${stamp}@example.test`;
  const member = await newVerifiedUser(browser, {
    name: "Mia Mentioned",
    email,
    organization: `Mia Co ${stamp}`,
  });
  const owner = await acmeOwner(browser);
  const link = await inviteFromMembersPage(owner, email, "Member");
  await member.goto(`/o/mia-co-${stamp}/notifications`);
  await expect(
    member
      .getByRole("region", { name: "Invitations" })
      .getByText("Dana Demo invited you to Acme Inc as Member"),
  ).toBeVisible();
  await member.goto(link);
  await member.getByRole("button", { name: "Accept invitation" }).click();
  await expect(member).toHaveURL(/\/o\/acme\/projects$/);

  const key = `N${stamp.toString(36).toUpperCase().slice(-7)}`;
  const project = await trpc<{ id: string }>(
    owner,
    "project.create",
    { name: `Notify ${stamp}`, key },
    "mutation",
  );
  const task = await trpc<{ id: string; reference: string }>(
    owner,
    "task.create",
    { projectId: project.id, title: "Check the copy" },
    "mutation",
  );
  const members = await trpc<{ items: { id: string; email: string }[] }>(
    owner,
    "member.list",
    { limit: 100 },
    "query",
  );
  const membership = members.items.find((m) => m.email === email);
  expect(membership).toBeDefined();
  await trpc(
    owner,
    "task.comment.create",
    { taskId: task.id, body: "@Mia Mentioned please check", mentionIds: [membership?.id] },
    "mutation",
  );

  await member.goto("/o/acme/projects");
  const bell = member.getByRole("link", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(member.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = member.getByRole("list", { name: "Notifications" });
  const sentence = list.getByRole("link", {
    name: `Dana Demo mentioned you on ${task.reference} Check the copy`,
  });
  await expect(sentence).toBeVisible();
  await expect(sentence).toHaveAttribute("href", `/o/acme/projects/${project.id}/tasks/${task.id}`);
  await expect(list.getByText("@Mia Mentioned please check")).toBeVisible();

  await member.getByRole("button", { name: "Mark all read" }).click();
  await expect(member.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await expect(member.getByTestId("notification-count")).toHaveCount(0);

  // The owner heard that the invitation was accepted.
  await owner.goto("/o/acme/notifications");
  await expect(
    owner
      .getByRole("list", { name: "Notifications" })
      .getByRole("link", { name: "Mia Mentioned accepted your invitation to Acme Inc" })
      .first(),
  ).toBeVisible();
  // Acme is shared by the specs (projects.spec.ts counts its projects): leave it as it was.
  await trpc(owner, "project.delete", { id: project.id }, "mutation");
});
