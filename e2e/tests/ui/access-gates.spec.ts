// Actions a member cannot take are not offered: a read-only custom role and an archived organization show the
// create/edit/delete actions disabled with the reason, or not at all, instead of a form the server refuses.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin } from "../../support/auth";
import { acmeOwner, inviteFromMembersPage, newVerifiedUser } from "./org-helpers";

const READ_ONLY = [
  "organization.read",
  "member.read",
  "team.read",
  "project.read",
  "task.read",
] as const;

/** Calls a tRPC mutation of Acme as the signed-in page's user; returns the created row's id. */
async function acmeMutation(page: Page, path: string, input: object): Promise<string> {
  const res = await page.request.post(`/api/trpc/${path}`, {
    headers: { "x-tenantry-org": "acme", ...sameOrigin() },
    data: { json: input },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
}

/** The inline reason shown beside a disabled action (components/access/unavailable-action.tsx). */
const reason = (page: Page, text: string | RegExp) =>
  page.locator('[data-slot="unavailable-reason"]').filter({ hasText: text });

async function createRole(owner: Page, roleName: string, permissions: readonly string[]) {
  await owner.goto("/o/acme/settings/roles");
  await owner.getByLabel("New role name").fill(roleName);
  await owner.getByRole("button", { name: "Create role" }).click();
  for (const permission of permissions) {
    await owner.getByRole("checkbox", { name: `${roleName}: ${permission}` }).click();
  }
  await owner.getByRole("button", { name: `Save ${roleName}` }).click();
  await owner.reload();
  for (const permission of permissions) {
    await expect(owner.getByRole("checkbox", { name: `${roleName}: ${permission}` })).toBeChecked();
  }
}

test("a member with a read-only custom role is not offered the actions the role lacks", async ({
  browser,
}) => {
  const stamp = Date.now();
  const roleName = `Viewer only ${stamp}`;
  const email = `viewer-${stamp}@example.test`;
  const owner = await acmeOwner(browser);
  await createRole(owner, roleName, READ_ONLY);

  const link = await inviteFromMembersPage(owner, email, roleName);
  const viewer = await newVerifiedUser(browser, {
    name: "Vera Viewer",
    email,
    organization: `Viewer Co ${stamp}`,
  });
  await viewer.goto(link);
  await viewer.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewer).toHaveURL(/\/o\/acme\/projects$/);

  // A task's page, in a project made for it and deleted again at once: other specs count Acme's projects.
  const projectId = await acmeMutation(owner, "project.create", { name: `Gated ${stamp}` });
  try {
    const taskId = await acmeMutation(owner, "task.create", {
      projectId,
      title: `Gated task ${stamp}`,
    });
    // Readable, but no Edit/Delete and no comment or upload form; the reasons say why.
    await viewer.goto(`/o/acme/projects/${projectId}/tasks/${taskId}`);
    await expect(
      viewer.getByRole("heading", { level: 1, name: `Gated task ${stamp}` }),
    ).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
    await expect(reason(viewer, "“task.update” permission")).toBeVisible();
    await expect(viewer.getByLabel("Add a comment")).toHaveCount(0);
    await expect(reason(viewer, "“comment.create” permission").first()).toBeVisible();
  } finally {
    await acmeMutation(owner, "project.delete", { id: projectId });
  }

  // Projects: "New project" is there but disabled, with the missing permission named; no card has an actions menu.
  await viewer.goto("/o/acme/projects");
  const newProject = viewer.getByRole("button", { name: "New project" });
  await expect(newProject).toBeDisabled();
  await expect(
    reason(viewer, `Your role (${roleName}) does not include the “project.create” permission.`),
  ).toBeVisible();
  await expect(newProject).toHaveAccessibleDescription(/project\.create/);
  await expect(viewer.getByRole("link", { name: "Website relaunch" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Actions for / })).toHaveCount(0);
  // The palette offers no "Create project…" either.
  await viewer.keyboard.press("Control+k");
  await expect(viewer.getByRole("option", { name: "Website relaunch" })).toBeVisible();
  await expect(viewer.getByRole("option", { name: "Create project…" })).toHaveCount(0);
  await viewer.keyboard.press("Escape");

  // A project's page: no Edit/Delete, and "New task" disabled with its reason.
  await viewer.getByRole("link", { name: "Website relaunch" }).click();
  await expect(viewer.getByRole("heading", { level: 1, name: "Website relaunch" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New task" })).toBeDisabled();
  await expect(reason(viewer, "“task.create” permission")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);

  // Members: the list shows, but no role selects, no Remove, and inviting says why it is missing.
  await viewer.goto("/o/acme/settings/members");
  await expect(viewer.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(viewer.getByRole("table", { name: "Members" }).getByText(email)).toBeVisible();
  await expect(viewer.getByRole("combobox", { name: /^Role of / })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Invite", exact: true })).toHaveCount(0);
  await expect(reason(viewer, "“member.invite” permission")).toBeVisible();

  // Roles, teams, general settings: read, but not changed; each page says which permission is missing.
  await viewer.goto("/o/acme/settings/roles");
  await expect(viewer.getByRole("table", { name: "Permission matrix" })).toBeVisible();
  await expect(viewer.getByLabel("New role name")).toHaveCount(0);
  await expect(reason(viewer, "“role.manage” permission")).toBeVisible();
  await expect(viewer.getByRole("checkbox", { name: `${roleName}: project.read` })).toBeDisabled();

  await viewer.goto("/o/acme/settings/teams");
  await expect(viewer.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expect(viewer.getByLabel("New team")).toHaveCount(0);
  await expect(reason(viewer, "“team.manage” permission")).toBeVisible();

  await viewer.goto("/o/acme/settings/general");
  await expect(viewer.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(viewer.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(reason(viewer, "“organization.update” permission")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Archive", exact: true })).toHaveCount(0);

  // The owner of the same organization is offered all of it.
  await owner.goto("/o/acme/projects");
  await expect(owner.getByRole("button", { name: "New project" })).toBeEnabled();
  await expect(reason(owner, /./)).toHaveCount(0);
});

test("an archived organization shows no live create buttons; its owner can unarchive; a plan limit is explained", async ({
  browser,
}) => {
  const stamp = Date.now();
  const owner = await newVerifiedUser(browser, {
    name: "Olga Owner",
    email: `archiver-${stamp}@example.test`,
    organization: `Archive Co ${stamp}`,
  });
  await owner.goto("/");
  await expect(owner).toHaveURL(/\/o\/[^/]+\/home$/);
  const base = new URL(owner.url()).pathname.replace(/\/home$/, "");
  await owner.goto(`${base}/projects`);

  // While active: create a project (the owner may), so there is a project page to look at once archived.
  await owner.getByRole("button", { name: "New project" }).first().click();
  const dialog = owner.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill("Archived work");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(owner.getByRole("link", { name: "Archived work" })).toBeVisible();

  await owner.goto(`${base}/settings/general`);
  await owner.getByRole("button", { name: "Archive", exact: true }).click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Archive" }).click();
  await expect(owner.getByRole("button", { name: "Unarchive" })).toBeEnabled();
  await expect(owner.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(reason(owner, "archived and read-only").first()).toBeVisible();
  await expect(owner.getByRole("button", { name: "Leave organization" })).toBeDisabled();

  const readOnly = "This organization is archived and read-only.";
  await owner.goto(`${base}/projects`);
  await expect(owner.getByRole("button", { name: "New project" })).toBeDisabled();
  await expect(reason(owner, readOnly)).toBeVisible();
  await expect(owner.getByRole("button", { name: /^Actions for / })).toHaveCount(0);

  await owner.getByRole("link", { name: "Archived work" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: "Archived work" })).toBeVisible();
  await expect(owner.getByRole("button", { name: "New task" })).toBeDisabled();
  await expect(reason(owner, readOnly)).toBeVisible();
  await expect(owner.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);

  await owner.goto(`${base}/settings/members`);
  await expect(owner.getByRole("button", { name: "Invite", exact: true })).toBeDisabled();
  await expect(reason(owner, readOnly)).toBeVisible();

  // Unarchiving brings the create buttons back.
  await owner.goto(`${base}/settings/general`);
  await owner.getByRole("button", { name: "Unarchive" }).click();
  await expect(owner.getByRole("button", { name: "Archive", exact: true })).toBeVisible();
  await owner.goto(`${base}/projects`);
  await expect(owner.getByRole("button", { name: "New project" }).first()).toBeEnabled();
  await expect(reason(owner, /./)).toHaveCount(0);

  // A new organization is on the FREE plan (3 projects): at the limit, "New project" says so instead.
  const slug = base.replace(/^\/o\//, "");
  for (const name of ["Second", "Third"]) {
    const res = await owner.request.post("/api/trpc/project.create", {
      headers: { "x-tenantry-org": slug, ...sameOrigin() },
      data: { json: { name } },
    });
    expect(res.status()).toBe(200);
  }
  await owner.reload();
  await expect(owner.getByRole("button", { name: "New project" })).toBeDisabled();
  await expect(
    reason(owner, "The FREE plan allows 3 projects; delete one or upgrade the plan."),
  ).toBeVisible();
});
