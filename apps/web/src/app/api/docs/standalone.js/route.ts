// Scalar's standalone browser bundle, read from the installed @scalar/api-reference package (pinned in package.json).
import { readFile } from "node:fs/promises";
import path from "node:path";

import { logger } from "@tenantry/core/observability/logger";

export const dynamic = "force-dynamic";

const BUNDLE = "node_modules/@scalar/api-reference/dist/browser/standalone.js";

let cached: Promise<Buffer> | null = null;

/** The server runs from apps/web (next start, server.ts) or from the repository root. */
async function load(): Promise<Buffer> {
  for (const base of [process.cwd(), path.join(process.cwd(), "apps/web")]) {
    try {
      return await readFile(path.join(base, BUNDLE));
    } catch {
      // try the next base
    }
  }
  throw new Error(`Scalar bundle not found (${BUNDLE})`);
}

export async function GET(): Promise<Response> {
  cached ??= load();
  try {
    const bytes = await cached;
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "public, max-age=86400",
      },
    });
  } catch (error) {
    cached = null;
    logger().error({ err: error }, "api docs bundle unavailable");
    return new Response("Not found", { status: 404 });
  }
}
