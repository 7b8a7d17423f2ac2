// Attachment storage on local disk under one root directory.
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

import type { Storage } from "./storage.ts";

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
