// The id of one request, in its answer (X-Request-Id), in the server log of its failures and in ctx.requestId (for
// audit entries and jobs it causes). A proxy's or client's own id is kept when it is safe to log and echo.
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** Bounded, and nothing that could forge a log line or a header: letters, digits and . _ : - only. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return incoming !== null && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
