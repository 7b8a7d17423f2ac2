// GET an attachment's bytes. Authorized on every request through the API (the task must be visible to the caller
// in the organization named by ?org=); served as a download that browsers never render or sniff.
import { attachmentKey, getStorage } from "@tenantry/api";

import { apiRoute } from "~/server/api-route";
import { callerForRequest } from "~/server/rest";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async (req, { requestId, params }) => {
  const caller = await callerForRequest(req, requestId);
  const attachment = await caller.task.attachment.get({ id: params.id });
  const body = await getStorage().open(attachmentKey(attachment.organizationId, attachment.id));
  if (!body) {
    return Response.json(
      {
        error: { code: "NOT_FOUND", message: "The file of this attachment is missing", requestId },
      },
      { status: 404 },
    );
  }
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
