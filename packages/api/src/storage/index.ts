// Attachment storage. Keys are derived from (organization, attachment id) — never from user input — so a key can
// neither escape its tenant's folder nor be guessed into another tenant's file; downloads are authorized per request
// by the API before a key is ever opened.
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

import { env } from "../env.ts";
import { S3Storage } from "./s3.ts";

export interface Storage {
  put(key: string, data: Uint8Array): Promise<void>;
  /** The object's bytes as a web stream, or null when it does not exist. */
  open(key: string): Promise<ReadableStream<Uint8Array> | null>;
  delete(key: string): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function attachmentKey(organizationId: string, attachmentId: string): string {
  if (!UUID.test(organizationId) || !UUID.test(attachmentId)) {
    throw new Error("attachment keys are built from ids only");
  }
  return `${organizationId}/${attachmentId}`;
}

export class LocalDiskStorage implements Storage {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private file(key: string): string {
    const file = path.resolve(this.root, key);
    // Defence in depth on top of attachmentKey(): nothing outside the root, ever.
    if (!file.startsWith(this.root + path.sep)) throw new Error("storage key escapes the root");
    return file;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write to a temporary name and rename, so a reader never sees half a file.
    const temp = `${file}.${process.pid}.partial`;
    await writeFile(temp, data, { flag: "wx" });
    await rename(temp, file);
  }

  async open(key: string): Promise<ReadableStream<Uint8Array> | null> {
    const file = this.file(key);
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) return null;
    return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
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
