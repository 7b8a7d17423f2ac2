// The knowledge base's documents: upload (size- and type-limited, stored in the attachment storage, processed by
// the knowledge.process job enqueued in the same transaction), list, read and delete. Uploading and deleting need
// agent.manage (checked by the transport); every member may list and read documents, the sources agents cite.
import { createHash } from "node:crypto";

import type { Prisma, TenantDb } from "@tenantry/db";
import type { TKnowledgeDocumentOutput, UploadedFile } from "@tenantry/validators";
import { newId } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { env } from "../env.ts";
import { InvalidError, NotFoundError, PayloadTooLargeError } from "../errors.ts";
import { enqueueJob } from "../jobs/outbox.ts";
import { getStorage } from "../storage/index.ts";
import { sanitizeFileName } from "../work/attachment.ts";
import { knowledgeMediaType } from "./knowledge-text.ts";

/** The queue that extracts, chunks and indexes an uploaded document. */
export const KNOWLEDGE_PROCESS_JOB = "knowledge.process";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Storage key of a document: from ids only, in its own folder beside the tenant's task attachments. */
export function knowledgeKey(organizationId: string, documentId: string): string {
  if (!UUID.test(organizationId) || !UUID.test(documentId)) {
    throw new Error("knowledge keys are built from ids only");
  }
  return `${organizationId}/knowledge/${documentId}`;
}

const documentSelect = {
  id: true,
  organizationId: true,
  name: true,
  mediaType: true,
  size: true,
  status: true,
  failureReason: true,
  chunkCount: true,
  processedAt: true,
  createdAt: true,
  uploadedBy: { select: { id: true, name: true } },
} satisfies Prisma.KnowledgeDocumentSelect;

const notFound = () => new NotFoundError("Document not found");

export async function listKnowledgeDocuments(
  db: TenantDb,
  actor: MemberActor,
): Promise<TKnowledgeDocumentOutput[]> {
  return db.knowledgeDocument.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: documentSelect,
  });
}

export async function getKnowledgeDocument(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TKnowledgeDocumentOutput> {
  const row = await db.knowledgeDocument.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: documentSelect,
  });
  if (!row) throw notFound();
  return row;
}

export async function uploadKnowledgeDocument(
  db: TenantDb,
  actor: MemberActor,
  input: { file: UploadedFile },
): Promise<TKnowledgeDocumentOutput> {
  const { file } = input;
  const maxBytes = env.KNOWLEDGE_MAX_BYTES;
  if (file.size > maxBytes) {
    throw new PayloadTooLargeError(
      `Knowledge documents may be at most ${Math.max(1, Math.floor(maxBytes / 1024 / 1024))} MiB`,
    );
  }
  if (file.size === 0) throw new InvalidError("The file is empty", { field: "file" });
  const name = sanitizeFileName(file.name);
  const mediaType = knowledgeMediaType(file.type, name);
  if (!mediaType) {
    throw new InvalidError("Upload a text (.txt), Markdown (.md) or PDF (.pdf) file", {
      field: "file",
    });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The declared size is the client's word: the bytes decide.
  if (bytes.byteLength > maxBytes) {
    throw new PayloadTooLargeError(
      `Knowledge documents may be at most ${Math.max(1, Math.floor(maxBytes / 1024 / 1024))} MiB`,
    );
  }
  const id = newId();
  const key = knowledgeKey(actor.organizationId, id);
  const storage = getStorage();
  await storage.put(key, bytes);
  try {
    const row = await db.knowledgeDocument.create({
      data: {
        id,
        organizationId: actor.organizationId,
        name,
        mediaType,
        size: bytes.byteLength,
        storageKey: key,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        uploadedById: actor.userId,
      },
      select: documentSelect,
    });
    await enqueueJob(db, {
      name: KNOWLEDGE_PROCESS_JOB,
      organizationId: actor.organizationId,
      actor,
      data: { documentId: id },
    });
    await recordAudit(db, actor, {
      action: "knowledge.upload",
      targetType: "knowledge_document",
      targetId: id,
      metadata: { name, mediaType, size: bytes.byteLength },
    });
    return row;
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

/** Deletes the document, its passages and its attachments to agents; the file goes last (see attachment.ts). */
export async function deleteKnowledgeDocument(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<{ id: string }> {
  const row = await db.knowledgeDocument.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { id: true, name: true, storageKey: true },
  });
  if (!row) throw notFound();
  await db.knowledgeDocument.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: "knowledge.delete",
    targetType: "knowledge_document",
    targetId: id,
    metadata: { name: row.name },
  });
  await getStorage().delete(row.storageKey);
  return { id };
}
