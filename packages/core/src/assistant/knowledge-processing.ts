// The knowledge.process job: reads an uploaded document from storage, extracts its text, chunks it and writes the
// passages with their full-text vectors, then marks the document READY (or FAILED with the reason a person can act
// on). It re-enters the uploader's tenant context, so it sees and writes only that organization's rows. The file is
// read outside any transaction; the passages and the status change commit together, so a document is never READY
// with half its passages. Unexpected errors (storage or database unreachable) throw, and the queue retries.
import type { Db, TenantDb } from "@tenantry/db";
import { newId, Prisma } from "@tenantry/db";

import type { TenantJob } from "../jobs/registry.ts";
import { env } from "../env.ts";
import { inJobTenant } from "../jobs/registry.ts";
import { getStorage } from "../storage/index.ts";
import { chunkText, ExtractionError, extractText } from "./knowledge-text.ts";

/** Passages written per INSERT statement. */
const INSERT_BATCH = 200;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

async function markFailed(tx: TenantDb, organizationId: string, id: string, reason: string) {
  await tx.knowledgeChunk.deleteMany({ where: { organizationId, documentId: id } });
  await tx.knowledgeDocument.updateMany({
    where: { organizationId, id },
    data: {
      status: "FAILED",
      failureReason: reason.slice(0, 500),
      chunkCount: 0,
      processedAt: new Date(),
    },
  });
}

/** Writes the passages of a document (replacing any earlier ones) with their tsvector, in batches. */
export async function writeChunks(
  tx: TenantDb,
  organizationId: string,
  documentId: string,
  chunks: string[],
): Promise<void> {
  await tx.knowledgeChunk.deleteMany({ where: { organizationId, documentId } });
  for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
    const batch = chunks.slice(start, start + INSERT_BATCH);
    const rows = batch.map(
      (content, i) =>
        Prisma.sql`(${newId()}::uuid, ${organizationId}::uuid, ${documentId}::uuid, ${start + i}::int,
                    ${content}::text, to_tsvector('english', ${content}::text))`,
    );
    await tx.$executeRaw`
      INSERT INTO knowledge_chunks (id, organization_id, document_id, position, content, search_vector)
      VALUES ${Prisma.join(rows)}`;
  }
}

export interface ProcessOutcome {
  status: "READY" | "FAILED" | "SKIPPED";
  chunks: number;
  reason?: string;
}

/** Processes one document; exported for tests and for a manual re-run. */
export async function processKnowledgeDocument(
  db: Db,
  job: Pick<TenantJob, "organizationId" | "actor">,
  documentId: string,
): Promise<ProcessOutcome> {
  const { organizationId } = job;
  const doc = await inJobTenant(db, job, (tx) =>
    tx.knowledgeDocument.findUnique({
      where: { organizationId_id: { organizationId, id: documentId } },
      select: { id: true, status: true, mediaType: true, storageKey: true },
    }),
  );
  // Deleted since the upload, or already processed by an earlier run of this job.
  if (doc?.status !== "PENDING") return { status: "SKIPPED", chunks: 0 };

  const stream = await getStorage().open(doc.storageKey);
  let failure: string | null = null;
  let chunks: string[] = [];
  if (!stream) {
    failure = "The stored file is missing";
  } else {
    try {
      let text = await extractText(await readAll(stream), doc.mediaType);
      if (text.length > env.KNOWLEDGE_MAX_CHARS) text = text.slice(0, env.KNOWLEDGE_MAX_CHARS);
      chunks = chunkText(text);
      if (chunks.length === 0) failure = "No text could be extracted from the file";
    } catch (error) {
      if (!(error instanceof ExtractionError)) throw error;
      failure = error.message;
    }
  }

  return inJobTenant(db, job, async (tx) => {
    // Lock the row: a concurrent delete either happened (nothing to write) or waits for this commit.
    const locked = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text FROM knowledge_documents
      WHERE organization_id = ${organizationId}::uuid AND id = ${documentId}::uuid FOR UPDATE`;
    if (locked[0]?.status !== "PENDING") return { status: "SKIPPED", chunks: 0 } as const;
    if (failure !== null) {
      await markFailed(tx, organizationId, documentId, failure);
      return { status: "FAILED", chunks: 0, reason: failure } as const;
    }
    await writeChunks(tx, organizationId, documentId, chunks);
    await tx.knowledgeDocument.update({
      where: { organizationId_id: { organizationId, id: documentId } },
      data: {
        status: "READY",
        failureReason: null,
        chunkCount: chunks.length,
        processedAt: new Date(),
      },
      select: { id: true },
    });
    return { status: "READY", chunks: chunks.length } as const;
  });
}

/** The job handler (JOB_DEFINITIONS): the payload names the document. */
export async function runKnowledgeProcessJob(db: Db, job: TenantJob): Promise<void> {
  const documentId = job.data.documentId;
  if (typeof documentId !== "string") throw new Error("knowledge.process: no documentId");
  await processKnowledgeDocument(db, job, documentId);
}
