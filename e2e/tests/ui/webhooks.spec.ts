// Webhooks end to end: an owner creates an endpoint in the dashboard pointed at a receiver this spec runs on
// loopback (scripts/run.ts starts the worker with the development allowance for loopback targets), creates a task
// in the UI, and the worker delivers task.created signed per Standard Webhooks — verified here with the reference
// library and the secret the page showed once. The delivery shows in the endpoint's log; a redelivery arrives again
// with the same webhook-id; editing the endpoint changes its description, events and enabled flag.
import { createServer } from "node:http";
import type { Page } from "@playwright/test";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";

import { sameOrigin } from "../../support/auth";
import { newVerifiedUser } from "./org-helpers";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "text/plain" }).end("received by the e2e receiver");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/tenantry`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const signatureHeaders = (r: Received) => ({
  "webhook-id": String(r.headers["webhook-id"]),
  "webhook-timestamp": String(r.headers["webhook-timestamp"]),
  "webhook-signature": String(r.headers["webhook-signature"]),
});

async function createProject(page: Page, slug: string, name: string, key: string) {
  const res = await page.request.post("/api/trpc/project.create", {
    headers: { "x-tenantry-org": slug, ...sameOrigin() },
    data: { json: { name, key } },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
}

test("an endpoint receives a signed event caused in the UI, logs it and redelivers it", async ({
  browser,
}) => {
  // A sign-up, a worker round trip and a redelivery on a shared 2-core machine.
  test.setTimeout(180_000);
  const receiver = await startReceiver();
  try {
    const stamp = Date.now();
    // An organization of its own: the free plan's one endpoint, and no shared state with Acme.
    const page = await newVerifiedUser(browser, {
      name: "Hana Hooks",
      email: `hooks-${stamp}@example.test`,
      organization: `Hooks Co ${stamp}`,
    });
    await page.goto("/");
    await expect(page).toHaveURL(/\/o\/[^/]+\//);
    const slug = new URL(page.url()).pathname.split("/")[2] ?? "";
    const key = `W${stamp.toString(36).toUpperCase().slice(-7)}`;
    const projectId = await createProject(page, slug, `Hooked ${stamp}`, key);

    await page.goto(`/o/${slug}/settings/webhooks`);
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByLabel("Description").fill("e2e receiver");
    await page.getByRole("checkbox", { name: "task.created" }).check();
    await page.getByRole("button", { name: "Create endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
    const endpoints = page.getByRole("list", { name: "Webhook endpoints" });
    await expect(endpoints.getByText(receiver.url)).toBeVisible();

    // The event, caused in the UI.
    await page.goto(`/o/${slug}/projects/${projectId}`);
    await page.getByRole("button", { name: "New task" }).click();
    const dialog = page.getByRole("dialog", { name: "New task" });
    await dialog.getByLabel("Title").fill("Ship the webhook");
    await dialog.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByText(`Task ${key}-1 created`)).toBeVisible();

    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    const [first] = receiver.received;
    if (!first) throw new Error("nothing received");
    expect(first.headers["content-type"]).toContain("application/json");
    const event = new Webhook(secret).verify(first.body, signatureHeaders(first)) as {
      type: string;
      data: { task: { id: string; title: string } };
    };
    expect(event.type).toBe("task.created");
    expect(event.data.task.title).toBe("Ship the webhook");
    // A wrong secret does not verify the same request.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(
        first.body,
        signatureHeaders(first),
      ),
    ).toThrow();

    // The delivery log shows it; a redelivery sends the same event (same webhook-id) again.
    await page.goto(`/o/${slug}/settings/webhooks`);
    await endpoints.getByRole("button", { name: "Deliveries" }).click();
    const delivery = page.getByTestId("webhook-delivery").filter({ hasText: "task.created" });
    await expect(delivery.getByText("SUCCEEDED")).toBeVisible();
    await expect(delivery.getByText("1 attempt", { exact: true })).toBeVisible();
    await delivery.getByRole("button", { name: "Redeliver" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(2);
    const second = receiver.received[1];
    if (!second) throw new Error("no redelivery received");
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(new Webhook(secret).verify(second.body, signatureHeaders(second))).toMatchObject({
      type: "task.created",
    });
    await expect(delivery.getByText("2 attempts", { exact: true })).toBeVisible();
    await delivery.getByText("Attempt 2: 200").click();
    await expect(delivery.getByText("received by the e2e receiver").last()).toBeVisible();

    // Editing: description, subscribed events and the enabled flag.
    await endpoints.getByRole("button", { name: "Edit" }).click();
    const item = endpoints.getByRole("listitem").first();
    await item.getByLabel("Description").fill("e2e receiver, edited");
    await item.getByRole("checkbox", { name: "task.updated" }).check();
    await item.getByRole("checkbox", { name: "Enabled" }).uncheck();
    await item.getByRole("button", { name: "Save endpoint" }).click();
    await expect(page.getByText("Endpoint saved")).toBeVisible();
    await expect(item.getByText("e2e receiver, edited")).toBeVisible();
    await expect(item.getByText("task.created, task.updated")).toBeVisible();
    await expect(item.getByText("Disabled", { exact: true })).toBeVisible();
  } finally {
    await receiver.close();
  }
});
