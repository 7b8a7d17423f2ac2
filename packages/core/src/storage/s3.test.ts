// The S3 adapter against a real S3-compatible HTTP server (s3rver): it checks the access key id but, unlike AWS,
// not the signature itself, so the signing is exercised but only a real store proves it end to end.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { attachmentKey } from "./index.ts";
import { S3Storage } from "./s3.ts";

let dir: string;
let server: S3rver;
let endpoint: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tenantry-s3-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: "tenantry-test" }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

// s3rver's built-in credentials.
const storage = () =>
  new S3Storage({
    bucket: "tenantry-test",
    endpoint,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });

const text = async (stream: ReadableStream<Uint8Array> | null) =>
  stream ? new Response(stream).text() : null;

describe("S3Storage", () => {
  it("stores, streams back and deletes an object under its attachment key", async () => {
    const key = attachmentKey(
      "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f",
      "0190f5c4-7b7e-7d3a-9a9a-aaaaaaaaaaaa",
    );
    const s3 = storage();
    await s3.put(key, new TextEncoder().encode("hello from s3"));
    expect(await text(await s3.open(key))).toBe("hello from s3");
    await s3.delete(key);
    expect(await s3.open(key)).toBeNull();
    await s3.delete(key); // deleting a missing object is not an error
  });

  it("answers null for a missing object", async () => {
    expect(await storage().open("0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f/missing")).toBeNull();
  });

  it("fails loudly when the store refuses the request instead of pretending to store", async () => {
    const wrong = new S3Storage({
      bucket: "tenantry-test",
      endpoint,
      region: "us-east-1",
      accessKeyId: "UNKNOWN-KEY",
      secretAccessKey: "not-the-secret",
      forcePathStyle: true,
    });
    await expect(wrong.put("a/b", new Uint8Array([1]))).rejects.toThrow(/S3 PUT a\/b failed: 403/);
  });
});
