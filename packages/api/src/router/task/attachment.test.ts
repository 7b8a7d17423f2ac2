import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

import {
  addMembership,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";

const attachmentsDir = inject("attachmentsDir");

function form(taskId: string, file: File): FormData {
  const data = new FormData();
  data.set("taskId", taskId);
  data.set("file", file);
  return data;
}

async function setup() {
  const tenant = await createTenant();
  const api = callerAs(tenant.user, tenant.org.id);
  const project = await api.project.create({ name: "Docs" });
  const task = await api.task.create({ projectId: project.id, title: "Spec" });
  return { ...tenant, api, project, task };
}

describe("task attachments", () => {
  it("stores an upload under the tenant's folder, lists it and records the activity", async () => {
    const { org, api, task } = await setup();
    const uploaded = await api.task.attachment.upload(
      form(task.id, new File(["hello attachments"], "../../etc/notes.txt", { type: "text/plain" })),
    );
    expect(uploaded).toMatchObject({
      fileName: "notes.txt",
      contentType: "text/plain",
      size: 17,
      downloadUrl: `/api/v1/attachments/${uploaded.id}?org=${org.id}`,
    });
    expect(uploaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = await readFile(path.join(attachmentsDir, org.id, uploaded.id), "utf8");
    expect(stored).toBe("hello attachments");
    expect((await api.task.attachment.list({ id: task.id })).map((a) => a.id)).toEqual([
      uploaded.id,
    ]);
    const activity = await api.task.activity({ taskId: task.id });
    expect(activity.items.at(-1)).toMatchObject({
      field: "attachment",
      to: { added: "notes.txt" },
    });
  });

  it("cuts a long file name by code point and drops control characters", async () => {
    const { api, task } = await setup();
    // 254 ASCII characters then emoji: a cut at 255 UTF-16 units would split the first emoji's surrogate pair and
    // store its lone half (as U+FFFD).
    const name = `${"a".repeat(254)}${"😀".repeat(10)}.txt`;
    const uploaded = await api.task.attachment.upload(
      form(task.id, new File(["x"], name, { type: "text/plain" })),
    );
    expect(uploaded.fileName).toBe(`${"a".repeat(254)}😀`);
    const controls = await api.task.attachment.upload(
      form(task.id, new File(["x"], "tab\tbell\u0007c1\u0085.txt", { type: "text/plain" })),
    );
    expect(controls.fileName).toBe("tabbellc1.txt");
  });

  it("refuses oversized, empty and disallowed files", async () => {
    const { api, task } = await setup();
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], "big.bin", {
      type: "application/pdf",
    });
    await expectTRPCError(api.task.attachment.upload(form(task.id, big)), "PAYLOAD_TOO_LARGE");
    await expectTRPCError(
      api.task.attachment.upload(form(task.id, new File([], "empty.txt", { type: "text/plain" }))),
      "BAD_REQUEST",
    );
    const html = new File(["<script>alert(1)</script>"], "x.html", { type: "text/html" });
    const refused = await expectTRPCError(
      api.task.attachment.upload(form(task.id, html)),
      "BAD_REQUEST",
    );
    expect(refused.message).toContain("text/html");
    const missing = new FormData();
    missing.set("taskId", task.id);
    await expectTRPCError(api.task.attachment.upload(missing), "BAD_REQUEST");
    expect((await api.task.attachment.list({ id: task.id })).length).toBe(0);
  });

  it("does not let another tenant see, download or delete an attachment", async () => {
    const a = await setup();
    const b = await setup();
    const file = await a.api.task.attachment.upload(
      form(a.task.id, new File(["secret"], "secret.txt", { type: "text/plain" })),
    );
    await expectTRPCError(b.api.task.attachment.get({ id: file.id }), "NOT_FOUND");
    await expectTRPCError(b.api.task.attachment.delete({ id: file.id }), "NOT_FOUND");
    await expectTRPCError(b.api.task.attachment.list({ id: a.task.id }), "NOT_FOUND");
    await expectTRPCError(
      b.api.task.attachment.upload(
        form(a.task.id, new File(["x"], "x.txt", { type: "text/plain" })),
      ),
      "NOT_FOUND",
    );
    expect((await a.api.task.attachment.get({ id: file.id })).fileName).toBe("secret.txt");
  });

  it("lets the uploader or a moderator delete, and removes the file", async () => {
    const { org, api, task } = await setup();
    const member = await createUser();
    await addMembership(org.id, member.id, "MEMBER");
    const memberApi = callerAs(member, org.id);
    const mine = await memberApi.task.attachment.upload(
      form(task.id, new File(["m"], "m.txt", { type: "text/plain" })),
    );
    const owners = await api.task.attachment.upload(
      form(task.id, new File(["o"], "o.txt", { type: "text/plain" })),
    );
    await expectTRPCError(memberApi.task.attachment.delete({ id: owners.id }), "FORBIDDEN");
    await api.task.attachment.delete({ id: mine.id }); // the owner moderates the member's upload
    await api.task.attachment.delete({ id: owners.id }); // and deletes their own
    const audit = await api.audit.list({ targetId: mine.id });
    expect(audit.items.map((e) => e.action)).toEqual([
      "attachment.moderate.delete",
      "attachment.upload",
    ]);
    expect(await readdir(path.join(attachmentsDir, org.id))).toEqual([]);
  });
});
