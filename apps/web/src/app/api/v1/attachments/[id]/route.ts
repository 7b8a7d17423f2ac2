// GET an attachment's bytes. Authorized on every request through the API (the task must be visible to the caller
// in the organization named by ?org=); served as a download that browsers never render or sniff.
import { TRPCError } from "@trpc/server";

import { attachmentKey, getStorage } from "@tenantry/api";
import { defaultIdempotencyStore, handleRestRequest } from "@tenantry/api/rest";
import { getAuthSession } from "@tenantry/auth/next";

import { callerForRequest } from "~/server/rest";
import { restRoute } from "~/server/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute<{ id: string }>(async (req, { requestId, params }) => {
  const caller = await callerForRequest(req, requestId);
  const attachment = await caller.task.attachment.get({ id: params.id });
  const body = await getStorage().open(attachmentKey(attachment.organizationId, attachment.id));
  if (!body)
    throw new TRPCError({ code: "NOT_FOUND", message: "The file of this attachment is missing" });
  return new Response(body, {
    headers: {
      "content-type": attachment.contentType,
      "content-length": String(attachment.size),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
    },
  });
});

/** Deleting is a registry route like any other (JSON answer, Idempotency-Key); only the download needs this file. */
export const DELETE = restRoute(async (req, { requestId }) =>
  handleRestRequest(req, {
    session: await getAuthSession(),
    requestId,
    idempotency: defaultIdempotencyStore(),
  }),
);
