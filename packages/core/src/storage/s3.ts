// Attachment storage in any S3-compatible object store (AWS S3, MinIO, R2, ...), with SigV4-signed requests
// (aws4fetch). Objects are private: the app streams them to authorized users; no public or presigned URL is issued.
import { AwsClient } from "aws4fetch";

import type { Storage } from "./storage.ts";

export interface S3Config {
  bucket: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export class S3Storage implements Storage {
  private readonly client: AwsClient;
  private readonly config: S3Config;

  constructor(config: S3Config) {
    this.config = config;
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      region: config.region,
      service: "s3",
    });
  }

  private url(key: string): string {
    const endpoint = new URL(this.config.endpoint);
    const path = key.split("/").map(encodeURIComponent).join("/");
    if (this.config.forcePathStyle) {
      return `${endpoint.origin}/${this.config.bucket}/${path}`;
    }
    return `${endpoint.protocol}//${this.config.bucket}.${endpoint.host}/${path}`;
  }

  private async request(method: string, key: string, body?: Uint8Array): Promise<Response> {
    return this.client.fetch(this.url(key), {
      method,
      // A copy typed as backed by an ArrayBuffer, which is what fetch's BodyInit accepts under the DOM typings.
      ...(body
        ? { body: new Uint8Array(body), headers: { "content-type": "application/octet-stream" } }
        : {}),
    });
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const res = await this.request("PUT", key, data);
    if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${await res.text()}`);
  }

  async open(key: string): Promise<ReadableStream<Uint8Array> | null> {
    const res = await this.request("GET", key);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok || !res.body) throw new Error(`S3 GET ${key} failed: ${res.status}`);
    return res.body;
  }

  async delete(key: string): Promise<void> {
    const res = await this.request("DELETE", key);
    // S3 answers 204 whether or not the object existed, which is what delete() promises.
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${res.status}`);
  }
}
