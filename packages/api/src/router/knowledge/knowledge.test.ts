// The knowledge base through the real tRPC chain and the real job handler: uploads are limited by type and size,
// stored under the tenant's folder, processed by the knowledge.process job from the outbox to READY (or FAILED with
// the reason), searched with ranking, scoped to the organization and the agent, and deleted with their passages.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

import { runKnowledgeProcessJob } from "@tenantry/core/assistant/knowledge-processing";
import { parseTenantJob } from "@tenantry/core/jobs/registry";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
  expectTRPCError,
} from "../../../test/fixtures.ts";

const attachmentsDir = inject("attachmentsDir");
const handbookPdf = readFileSync(
  path.join(import.meta.dirname, "../../../../core/test/fixtures/knowledge-handbook.pdf"),
);

function form(file: File): FormData {
  const data = new FormData();
  data.set("file", file);
  return data;
}

/** Runs every knowledge.process job of the organization's outbox through the job handler, as the worker would. */
async function runKnowledgeJobs(organizationId: string): Promise<number> {
  const { rows } = await admin.query<{ id: string; actor: unknown; data: unknown }>(
    `DELETE FROM job_outbox WHERE organization_id = $1 AND name = 'knowledge.process'
     RETURNING id, actor, data`,
    [organizationId],
  );
  for (const row of rows) {
    await runKnowledgeProcessJob(
      db,
      parseTenantJob({ id: row.id, organizationId, actor: row.actor, data: row.data }),
    );
  }
  return rows.length;
}

async function setup() {
  const tenant = await createTenant();
  const owner = callerAs(tenant.user, tenant.org.id);
  const memberUser = await createUser();
  await addMembership(tenant.org.id, memberUser.id, "MEMBER");
  return { ...tenant, owner, member: callerAs(memberUser, tenant.org.id) };
}

describe("knowledge base", () => {
  it("processes an uploaded PDF to READY and ranks the matching page first", async () => {
    const { org, owner, member } = await setup();
    const doc = await owner.knowledge.upload(
      form(new File([handbookPdf], "handbook.pdf", { type: "application/pdf" })),
    );
    expect(doc).toMatchObject({
      name: "handbook.pdf",
      mediaType: "application/pdf",
      size: handbookPdf.byteLength,
      status: "PENDING",
      chunkCount: 0,
    });
    const stored = readFileSync(path.join(attachmentsDir, org.id, "knowledge", doc.id));
    expect(stored.equals(handbookPdf)).toBe(true);
    // Nothing is searchable before the job ran.
    expect(await owner.knowledge.search({ query: "vacation" })).toEqual([]);

    expect(await runKnowledgeJobs(org.id)).toBe(1);
    const ready = await member.knowledge.get({ id: doc.id });
    expect(ready).toMatchObject({ status: "READY", failureReason: null, chunkCount: 1 });
    expect(ready.processedAt).toBeInstanceOf(Date);

    const vacation = await member.knowledge.search({
      query: "How many vacation days do employees get?",
    });
    expect(vacation[0]).toMatchObject({ documentId: doc.id, documentName: "handbook.pdf" });
    expect(vacation[0]?.content).toContain("twenty five days of paid vacation");
  });

  it("ranks the passage that answers the question above the others, with its position", async () => {
    const { org, owner } = await setup();
    // Two pages far apart so they land in separate passages: the chunker packs up to 1200 characters.
    const filler = "General remarks about the company and its long history. ".repeat(12);
    const text = [
      `Vacation policy. Employees receive twenty five vacation days per year. ${filler}`,
      `Expense reports. Submit expense reports with a receipt within thirty days. ${filler}`,
      `Travel. Trains are preferred over flights for short trips. ${filler}`,
    ].join("\n\n");
    const doc = await owner.knowledge.upload(form(new File([text], "policies.md", { type: "" })));
    expect(doc.mediaType).toBe("text/markdown");
    await runKnowledgeJobs(org.id);
    expect((await owner.knowledge.get({ id: doc.id })).chunkCount).toBe(3);

    const expense = await owner.knowledge.search({ query: "expense report receipt" });
    expect(expense.map((p) => p.position)[0]).toBe(1);
    const travel = await owner.knowledge.search({ query: '"short trips" train' });
    expect(travel[0]?.position).toBe(2);
    // Ranks strictly decrease down the list for a query matching one passage best.
    expect(travel[0]?.rank ?? 0).toBeGreaterThan(travel[1]?.rank ?? 0);
    expect(await owner.knowledge.search({ query: "quantum chromodynamics" })).toEqual([]);
    // A query of stop words only matches nothing rather than failing.
    expect(await owner.knowledge.search({ query: "the and of" })).toEqual([]);
  });

  it("searches through an agent only that agent's documents, and never another organization's", async () => {
    const a = await setup();
    const b = await setup();
    const upload = async (t: typeof a, name: string, text: string) =>
      t.owner.knowledge.upload(form(new File([text], name, { type: "text/plain" })));
    const hr = await upload(a, "hr.txt", "Parental leave lasts sixteen weeks.");
    const it = await upload(
      a,
      "it.txt",
      "Laptops are replaced every three years; parental controls are off.",
    );
    await upload(b, "b.txt", "Parental leave at B lasts one year.");
    await runKnowledgeJobs(a.org.id);
    await runKnowledgeJobs(b.org.id);
    const agent = await a.owner.agent.create({ name: "HR", type: "hr", documentIds: [hr.id] });

    const all = await a.member.knowledge.search({ query: "parental leave" });
    expect(new Set(all.map((p) => p.documentId))).toEqual(new Set([hr.id, it.id]));
    const scoped = await a.member.knowledge.search({ query: "parental leave", agentId: agent.id });
    expect(scoped.map((p) => p.documentId)).toEqual([hr.id]);
    // B sees only B's passages, and A's agent does not exist for B.
    const fromB = await b.member.knowledge.search({ query: "parental leave" });
    expect(fromB.map((p) => p.documentName)).toEqual(["b.txt"]);
    await expectTRPCError(
      b.member.knowledge.search({ query: "parental leave", agentId: agent.id }),
      "NOT_FOUND",
    );
    await expectTRPCError(b.member.knowledge.get({ id: hr.id }), "NOT_FOUND");
    await expectTRPCError(b.owner.knowledge.delete({ id: hr.id }), "NOT_FOUND");
    // A deactivated agent cannot be searched through by members.
    await a.owner.agent.deactivate({ id: agent.id });
    await expectTRPCError(
      a.member.knowledge.search({ query: "parental", agentId: agent.id }),
      "NOT_FOUND",
    );
  });

  it("marks a document FAILED with the reason when its text cannot be extracted", async () => {
    const { org, owner } = await setup();
    const fake = await owner.knowledge.upload(
      form(new File(["not really a pdf"], "fake.pdf", { type: "application/pdf" })),
    );
    const binary = await owner.knowledge.upload(
      form(new File([new Uint8Array([0xc3, 0x28, 0xa0, 0xa1])], "bad.txt", { type: "text/plain" })),
    );
    expect(await runKnowledgeJobs(org.id)).toBe(2);
    expect(await owner.knowledge.get({ id: fake.id })).toMatchObject({
      status: "FAILED",
      failureReason: "The file is not a PDF (no %PDF- header)",
      chunkCount: 0,
    });
    expect(await owner.knowledge.get({ id: binary.id })).toMatchObject({
      status: "FAILED",
      failureReason: "The file is not valid UTF-8 text",
    });
  });

  it("runs a job for a deleted document as a no-op, and a second run of a processed one changes nothing", async () => {
    const { org, owner } = await setup();
    const gone = await owner.knowledge.upload(
      form(new File(["short lived"], "gone.txt", { type: "text/plain" })),
    );
    await owner.knowledge.delete({ id: gone.id });
    expect(existsSync(path.join(attachmentsDir, org.id, "knowledge", gone.id))).toBe(false);
    const kept = await owner.knowledge.upload(
      form(new File(["kept text"], "kept.txt", { type: "text/plain" })),
    );
    const { rows } = await admin.query<{ id: string; actor: unknown; data: unknown }>(
      `SELECT id, actor, data FROM job_outbox WHERE organization_id = $1 AND name = 'knowledge.process'`,
      [org.id],
    );
    expect(rows).toHaveLength(2);
    for (const row of [...rows, ...rows]) {
      await runKnowledgeProcessJob(
        db,
        parseTenantJob({ id: row.id, organizationId: org.id, actor: row.actor, data: row.data }),
      );
    }
    expect((await owner.knowledge.list()).map((d) => [d.name, d.status, d.chunkCount])).toEqual([
      ["kept.txt", "READY", 1],
    ]);
    const chunks = await admin.query(`SELECT 1 FROM knowledge_chunks WHERE document_id = $1`, [
      kept.id,
    ]);
    expect(chunks.rowCount).toBe(1);
  });

  it("limits uploads by type and size, and to holders of agent.manage", async () => {
    const { org, owner, member } = await setup();
    const png = await expectTRPCError(
      owner.knowledge.upload(form(new File(["x"], "img.png", { type: "image/png" }))),
      "BAD_REQUEST",
    );
    expect(png.message).toMatch(/text \(\.txt\), Markdown \(\.md\) or PDF/);
    await expectTRPCError(
      owner.knowledge.upload(form(new File(["MZ"], "tool.exe", { type: "" }))),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      owner.knowledge.upload(form(new File([], "empty.txt", { type: "text/plain" }))),
      "BAD_REQUEST",
    );
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61);
    const tooLarge = await expectTRPCError(
      owner.knowledge.upload(form(new File([big], "big.txt", { type: "text/plain" }))),
      "PAYLOAD_TOO_LARGE",
    );
    expect(tooLarge.message).toMatch(/at most 10 MiB/);
    await expectTRPCError(
      member.knowledge.upload(form(new File(["hi"], "m.txt", { type: "text/plain" }))),
      "FORBIDDEN",
    );
    expect(await owner.knowledge.list()).toEqual([]);
    expect(existsSync(path.join(attachmentsDir, org.id, "knowledge"))).toBe(false);
    const { rows } = await admin.query(
      `SELECT 1 FROM job_outbox WHERE organization_id = $1 AND name = 'knowledge.process'`,
      [org.id],
    );
    expect(rows).toEqual([]);
  });

  it("audits uploads and deletions, and deletes the passages with the document", async () => {
    const { org, owner } = await setup();
    const doc = await owner.knowledge.upload(
      form(
        new File(["Onboarding checklist for new hires."], "onboarding.txt", { type: "text/plain" }),
      ),
    );
    await runKnowledgeJobs(org.id);
    expect(await owner.knowledge.search({ query: "onboarding" })).toHaveLength(1);
    await owner.knowledge.delete({ id: doc.id });
    expect(await owner.knowledge.search({ query: "onboarding" })).toEqual([]);
    const chunks = await admin.query(`SELECT 1 FROM knowledge_chunks WHERE document_id = $1`, [
      doc.id,
    ]);
    expect(chunks.rowCount).toBe(0);
    const { rows } = await admin.query<{ action: string }>(
      `SELECT action FROM audit_logs WHERE organization_id = $1 AND target_id = $2 ORDER BY seq`,
      [org.id, doc.id],
    );
    expect(rows.map((r) => r.action)).toEqual(["knowledge.upload", "knowledge.delete"]);
  });
});
