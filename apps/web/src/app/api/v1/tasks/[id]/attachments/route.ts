// POST multipart/form-data with a `file` field: attaches it to the task (limits and authorization in the API).
import { TRPCError } from "@trpc/server";

import { isTRPCError } from "@tenantry/api";

import { apiRoute } from "~/server/api-route";
import { bodyLimitFor, limitBody } from "~/server/body-limit";
import { assertSameOrigin, callerForRequest } from "~/server/rest";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async (req, { requestId, params }) => {
  assertSameOrigin(req);
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
