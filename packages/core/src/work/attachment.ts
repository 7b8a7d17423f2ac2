// Task attachments: size- and type-limited uploads into the configured storage, listed and downloaded only through
// the task's visibility rules. The file is written before its row and removed again if the row cannot be written,
// so a row never points at a missing file.
import { createHash } from "node:crypto";

import type { Prisma, TenantDb } from "@tenantry/db";
import type { UploadedFile } from "@tenantry/validators";
import { newId } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { env } from "../env.ts";
import { ForbiddenError, InvalidError, NotFoundError, PayloadTooLargeError } from "../errors.ts";
import { attachmentKey, getStorage } from "../storage/index.ts";
import { recordAttachmentStorage } from "../usage/billable.ts";
import { getWritableProject } from "./project.ts";
import { loadTask } from "./task.ts";

const attachmentSelect = {
  id: true,
  organizationId: true,
  taskId: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  createdAt: true,
  uploadedById: true,
  uploadedBy: { select: { id: true, name: true } },
} satisfies Prisma.TaskAttachmentSelect;

type AttachmentRow = Prisma.TaskAttachmentGetPayload<{ select: typeof attachmentSelect }>;

const toOutput = (row: AttachmentRow) => ({
  id: row.id,
  organizationId: row.organizationId,
  taskId: row.taskId,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
  uploadedBy: row.uploadedBy,
  createdAt: row.createdAt,
  downloadUrl: `/api/v1/attachments/${row.id}?org=${row.organizationId}`,
});

/**
 * A file name safe to store and to put in a Content-Disposition header: no paths, no control characters, no lone
 * surrogates, at most 255 code points (cut by code point, so a surrogate pair is never split into two halves that
 * jsonb would refuse).
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Character codes instead of a regex range: control characters are what is being removed.
  const clean = [...base]
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
      return (
        code >= 0x20 &&
        code !== 0x7f &&
        !(code >= 0x80 && code < 0xa0) &&
        !loneSurrogate &&
        ch !== '"'
      );
    })
    .slice(0, 255)
    .join("")
    .trim();
  return clean || "file";
}

export async function uploadAttachment(
  db: TenantDb,
  actor: MemberActor,
  input: { taskId: string; file: UploadedFile },
) {
  const task = await loadTask(db, actor, input.taskId);
  await getWritableProject(db, actor, task.projectId);
  const { file } = input;
  if (file.size > env.ATTACHMENT_MAX_BYTES) {
    throw new PayloadTooLargeError(
      `Attachments may be at most ${Math.floor(env.ATTACHMENT_MAX_BYTES / 1024 / 1024)} MiB`,
    );
  }
  if (file.size === 0) throw new InvalidError("The file is empty");
  const contentType = (file.type.split(";")[0] ?? "").trim().toLowerCase();
  if (!env.ATTACHMENT_ALLOWED_TYPES.has(contentType)) {
    throw new InvalidError(`Files of type ${contentType || "unknown"} cannot be attached`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const id = newId();
  const key = attachmentKey(actor.organizationId, id);
  const storage = getStorage();
  await storage.put(key, bytes);
  try {
    const row = await db.taskAttachment.create({
      data: {
        id,
        organizationId: actor.organizationId,
        taskId: task.id,
        fileName: sanitizeFileName(file.name),
        contentType,
        size: bytes.byteLength,
        storageKey: key,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        uploadedById: actor.userId,
      },
      select: attachmentSelect,
    });
    await db.taskActivity.create({
      data: {
        organizationId: actor.organizationId,
        taskId: task.id,
        actorId: actor.userId,
        field: "attachment",
        toValue: { added: row.fileName },
      },
    });
    await recordAudit(db, actor, {
      action: "attachment.upload",
      targetType: "attachment",
      targetId: row.id,
      metadata: {
        taskId: task.id,
        projectId: task.projectId,
        fileName: row.fileName,
        size: row.size,
      },
    });
    await recordAttachmentStorage(db, actor.organizationId, row, "upload");
    return toOutput(row);
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

export async function listAttachments(db: TenantDb, actor: MemberActor, taskId: string) {
  await loadTask(db, actor, taskId);
  const rows = await db.taskAttachment.findMany({
    where: { organizationId: actor.organizationId, taskId },
    orderBy: { id: "asc" },
    take: 200,
    select: attachmentSelect,
  });
  return rows.map(toOutput);
}

/** An attachment whose task the actor can see, or NOT_FOUND (also for other tenants' ids). */
export async function getAttachment(db: TenantDb, actor: MemberActor, id: string) {
  const row = await db.taskAttachment.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: attachmentSelect,
  });
  if (!row) throw new NotFoundError("Attachment not found");
  await loadTask(db, actor, row.taskId).catch(() => {
    throw new NotFoundError("Attachment not found");
  });
  return toOutput(row);
}

export async function deleteAttachment(db: TenantDb, actor: MemberActor, id: string) {
  const row = await db.taskAttachment.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: attachmentSelect,
  });
  if (!row) throw new NotFoundError("Attachment not found");
  const task = await loadTask(db, actor, row.taskId).catch(() => {
    throw new NotFoundError("Attachment not found");
  });
  await getWritableProject(db, actor, task.projectId);
  const isUploader = row.uploadedById === actor.userId;
  if (!isUploader && !actor.membership.permissions.has("comment.moderate")) {
    throw new ForbiddenError("Only the uploader or a moderator can delete an attachment");
  }
  await db.taskAttachment.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { id: true },
  });
  await recordAttachmentStorage(db, actor.organizationId, row, "delete");
  await db.taskActivity.create({
    data: {
      organizationId: actor.organizationId,
      taskId: row.taskId,
      actorId: actor.userId,
      field: "attachment",
      toValue: { removed: row.fileName },
    },
  });
  if (!isUploader) {
    await recordAudit(db, actor, {
      action: "attachment.moderate.delete",
      targetType: "attachment",
      targetId: id,
      // projectId lets the audit log show the entry only to those who can see the project.
      metadata: { taskId: row.taskId, projectId: task.projectId, fileName: row.fileName },
    });
  }
  // The row is gone in this transaction; removing the file last means a failed delete leaves at worst an orphan
  // file (invisible, swept later), never a row without its file.
  await getStorage().delete(attachmentKey(actor.organizationId, id));
  return { id };
}
