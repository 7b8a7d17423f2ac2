// POST multipart/form-data with a `file` field: adds it to the knowledge base (limits and authorization in the API;
// processing runs as a job, the answer shows the document PENDING).
import { TRPCError } from "@trpc/server";

import { isTRPCError, knowledgeMaxBytes } from "@tenantry/api";
import { defaultIdempotencyStore, handleRestRequest } from "@tenantry/api/rest";
import { getAuthSession } from "@tenantry/auth/next";

import { limitBody } from "~/server/body-limit";
import { callerForRequest } from "~/server/rest";
import { restRoute } from "~/server/rest-route";

export const dynamic = "force-dynamic";

/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The list is a registry route like any other; only the multipart upload needs this file. */
export const GET = restRoute(async (req, { requestId }) =>
  handleRestRequest(req, {
    session: await getAuthSession(),
    requestId,
    idempotency: defaultIdempotencyStore(),
  }),
);

export const POST = restRoute(async (req, { requestId }) => {
  const limited = limitBody(req, knowledgeMaxBytes() + MULTIPART_OVERHEAD_BYTES);
  const form = await limited.formData().catch((error: unknown) => {
    if (isTRPCError(error)) throw error; // too large
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Send the upload as multipart/form-data",
    });
  });
  const caller = await callerForRequest(req, requestId);
  const document = await caller.knowledge.upload(form);
  return Response.json(document, { status: 201, headers: { "cache-control": "no-store" } });
});
