// The knowledge base and an agent configured in the dashboard: a PDF uploaded by the owner is processed by the
// worker's knowledge.process job until it shows READY, then attached to a new agent, which a member sees in the
// agents list. (The chat spec takes it from there: a question answered with a passage of this document.)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

import { signInAndOpenProjects } from "../../support/ui";

const here = path.dirname(fileURLToPath(import.meta.url));
const HANDBOOK_PDF = path.resolve(
  here,
  "../../../packages/core/test/fixtures/knowledge-handbook.pdf",
);

test("an uploaded PDF becomes ready and is attached to a new agent", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndOpenProjects(page);
  const stamp = Date.now().toString(36);

  await page.goto("/o/acme/knowledge");
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge base" })).toBeVisible();
  await page.getByLabel("Text, Markdown or PDF").setInputFiles({
    name: `handbook-${stamp}.pdf`,
    mimeType: "application/pdf",
    buffer: await readFile(HANDBOOK_PDF),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  const row = page.getByTestId("knowledge-document").filter({ hasText: `handbook-${stamp}.pdf` });
  await expect(row).toBeVisible();
  // The worker extracts, chunks and indexes it; the page polls until the status changes.
  await expect(row.getByTestId("document-status")).toHaveText(/Ready · \d+ passages?/, {
    timeout: 60_000,
  });

  await page.goto("/o/acme/agents");
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await page.getByRole("button", { name: "New agent" }).click();
  const form = page.getByRole("form", { name: "Agent settings" });
  await form.getByLabel("Name").fill(`Handbook helper ${stamp}`);
  await form.getByLabel("Type").fill("hr");
  // The project picker searches the projects the owner can see; the agent is scoped to the one chosen.
  await form.getByRole("combobox", { name: "Project" }).click();
  await page.getByLabel("Search projects").fill("Website");
  await page.getByRole("option", { name: /WEB Website relaunch/ }).click();
  await expect(form.getByRole("combobox", { name: "Project" })).toHaveText(/WEB Website relaunch/);
  await form.getByLabel("Temperature").fill("0.3");
  await form.getByLabel("Max tokens").fill("800");
  await form.getByLabel("System prompt").fill("Answer from the handbook and cite it.");
  await form.getByLabel("Create a task (asks the user to confirm)").check();
  await form.getByLabel(new RegExp(`handbook-${stamp}\\.pdf`)).check();
  await form.getByRole("button", { name: "Create agent" }).click();

  const agent = page.getByTestId("agent-row").filter({ hasText: `Handbook helper ${stamp}` });
  await expect(agent).toBeVisible();
  await expect(agent).toContainText("1 document");
  await expect(agent).toContainText("knowledge.search, task.create");
  // Reopened, the editor names the saved project.
  await agent.getByRole("button", { name: `Edit Handbook helper ${stamp}` }).click();
  await expect(
    page.getByRole("form", { name: "Agent settings" }).getByRole("combobox", { name: "Project" }),
  ).toHaveText(/WEB Website relaunch/);
  await page.getByRole("button", { name: "Cancel" }).click();

  // Searching the knowledge base through the agent finds the vacation page (the same retrieval the chat uses).
  const passages = await page.evaluate(
    async ({ name }) => {
      const headers = { "x-tenantry-org": "acme" };
      const list = await fetch(
        `/api/trpc/agent.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
        { headers },
      ).then(
        (r) => r.json() as Promise<{ result: { data: { json: { id: string; name: string }[] } } }>,
      );
      const id = list.result.data.json.find((a) => a.name === name)?.id;
      const input = { json: { query: "How many vacation days do employees get?", agentId: id } };
      const res = await fetch(
        `/api/trpc/knowledge.search?input=${encodeURIComponent(JSON.stringify(input))}`,
        { headers },
      ).then((r) => r.json() as Promise<{ result: { data: { json: { content: string }[] } } }>);
      return res.result.data.json.map((p) => p.content);
    },
    { name: `Handbook helper ${stamp}` },
  );
  expect(passages[0]).toContain("twenty five days of paid vacation");
});
