// The id of one request: the caller's (or a proxy's) X-Request-Id when it is safe to log and echo, else a new one.
// The HTTP edge (apps/web/server.ts) settles it once and the layers below read it back from the header.
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** Bounded, and nothing that could forge a log line or a header: letters, digits and . _ : - only. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestIdOrNew(incoming: string | null | undefined): string {
  return typeof incoming === "string" && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function requestIdFrom(headers: Headers): string {
  return requestIdOrNew(headers.get(REQUEST_ID_HEADER));
}
