// Request-body caps of the API routes. Next.js route handlers read bodies without a limit, so a client could make the
// server buffer any amount (JSON or multipart parse whole bodies in memory). The cap applies both to a declared
// Content-Length and to the bytes actually streamed (chunked uploads declare none).
import { TRPCError } from "@trpc/server";

import { attachmentMaxBytes } from "@tenantry/api";

import { env } from "../env";

/** Room for the multipart envelope (boundaries, part headers, other fields) around one attachment. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The cap for a request with this content type: an attachment upload may carry a file, anything else is JSON. */
export function bodyLimitFor(contentType: string | null): number {
  const type = (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase();
  return type === "multipart/form-data" || type === "application/octet-stream"
    ? attachmentMaxBytes() + MULTIPART_OVERHEAD_BYTES
    : env.API_MAX_BODY_BYTES;
}

function tooLarge(maxBytes: number): TRPCError {
  const size =
    maxBytes >= 1024 * 1024
      ? `${Math.floor(maxBytes / 1024 / 1024)} MiB`
      : `${Math.floor(maxBytes / 1024)} KiB`;
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `The request body is larger than the ${size} this endpoint accepts`,
  });
}

/**
 * The request with its body capped at `maxBytes`: reading it past the cap (or at all, when Content-Length already
 * says more) fails with PAYLOAD_TOO_LARGE, which tRPC and apiRoute (api-route.ts) answer as 413. The oversized body is
 * never buffered: the stream stops at the first chunk over the cap.
 */
export function limitBody(req: Request, maxBytes: number): Request {
  const source = req.body;
  if (!source) return req;
  const declared = Number(req.headers.get("content-length") ?? "0");
  const reader = source.getReader();
  let received = 0;
  const limited = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (declared > maxBytes) {
        controller.error(tooLarge(maxBytes));
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      received += value.byteLength;
      if (received > maxBytes) {
        controller.error(tooLarge(maxBytes));
        await reader.cancel();
        return;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // `duplex` is required for a streamed request body (undici) but missing from the DOM typings.
  return new Request(req, { body: limited, duplex: "half" } as RequestInit);
}
