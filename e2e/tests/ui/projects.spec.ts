import { expect, test } from "@playwright/test";

import { DEMO } from "../../support/auth";

test("a seeded user signs in, sees the seeded projects and creates one", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "Email or password is incorrect",
  );

  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Sign-in lands on the organization's home; the projects list is one click away.
  await expect(page).toHaveURL(/\/o\/acme\/home$/);
  await page
    .getByRole("navigation", { name: "Organization" })
    .getByRole("link", { name: "Projects" })
    .click();
  await expect(page).toHaveURL(/\/o\/acme\/projects$/);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();

  const projects = page.getByRole("list", { name: "Projects" });
  for (const name of ["Website relaunch", "Mobile app", "Billing migration"]) {
    await expect(projects.getByText(name, { exact: true })).toBeVisible();
  }

  // Creating happens in a dialog opened from the page header (the shell's design system).
  const name = `E2E project ${Date.now()}`;
  const newProject = page.getByRole("dialog", { name: "New project" });
  await page.getByRole("button", { name: "New project" }).click();
  await newProject.getByLabel("Name").fill(name);
  await newProject.getByRole("button", { name: "Create project" }).click();
  await expect(projects.getByText(name, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "New project" }).click();
  await expect(newProject.getByLabel("Name")).toHaveValue("");
  await page.keyboard.press("Escape");

  // Survives a reload: it was stored, not just rendered optimistically.
  await page.reload();
  await expect(
    page.getByRole("list", { name: "Projects" }).getByText(name, { exact: true }),
  ).toBeVisible();
  // Scoped to the projects list: the shell's breadcrumbs are list items too.
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("listitem")).toHaveCount(4);
});

test("an unknown organization slug is a 404, not a leak", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/acme\/home$/);
  const res = await page.goto("/o/someone-else/projects");
  expect(res?.status()).toBe(404);
});
