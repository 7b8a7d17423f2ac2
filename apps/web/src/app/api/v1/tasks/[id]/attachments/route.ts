// POST multipart/form-data with a `file` field: attaches it to the task (limits and authorization in the API).
import { TRPCError } from "@trpc/server";

import { isTRPCError } from "@tenantry/api";
import { defaultIdempotencyStore, handleRestRequest } from "@tenantry/api/rest";
import { getAuthSession } from "@tenantry/auth/next";

import { bodyLimitFor, limitBody } from "~/server/body-limit";
import { callerForRequest } from "~/server/rest";
import { restRoute } from "~/server/rest-route";

export const dynamic = "force-dynamic";

/** The list is a registry route like any other; only the multipart upload needs this file. */
export const GET = restRoute(async (req, { requestId }) =>
  handleRestRequest(req, {
    session: await getAuthSession(),
    requestId,
    idempotency: defaultIdempotencyStore(),
  }),
);

export const POST = restRoute<{ id: string }>(async (req, { requestId, params }) => {
  const limited = limitBody(req, bodyLimitFor("multipart/form-data"));
  const form = await limited.formData().catch((error: unknown) => {
    if (isTRPCError(error)) throw error; // too large
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Send the upload as multipart/form-data",
    });
  });
  form.set("taskId", params.id);
  const caller = await callerForRequest(req, requestId);
  const attachment = await caller.task.attachment.upload(form);
  return Response.json(attachment, { status: 201, headers: { "cache-control": "no-store" } });
});
