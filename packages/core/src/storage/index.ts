// Attachment storage. Keys are derived from (organization, attachment id) — never from user input — so a key can
// neither escape its tenant's folder nor be guessed into another tenant's file; downloads are authorized per request
// by the API before a key is ever opened.
import type { Storage } from "./storage.ts";
import { env } from "../env.ts";
import { LocalDiskStorage } from "./local-disk.ts";
import { S3Storage } from "./s3.ts";

export type { Storage };
export { LocalDiskStorage, S3Storage };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function attachmentKey(organizationId: string, attachmentId: string): string {
  if (!UUID.test(organizationId) || !UUID.test(attachmentId)) {
    throw new Error("attachment keys are built from ids only");
  }
  return `${organizationId}/${attachmentId}`;
}

let storage: Storage | undefined;

/** The configured storage: an S3-compatible bucket when S3_BUCKET is set, else local disk under ATTACHMENTS_DIR. */
export function getStorage(): Storage {
  if (storage) return storage;
  if (env.S3_BUCKET) {
    if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
      throw new Error("S3_BUCKET is set: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY too");
    }
    storage = new S3Storage({
      bucket: env.S3_BUCKET,
      endpoint: env.S3_ENDPOINT ?? `https://s3.${env.S3_REGION}.amazonaws.com`,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    });
  } else {
    storage = new LocalDiskStorage(env.ATTACHMENTS_DIR);
  }
  return storage;
}
