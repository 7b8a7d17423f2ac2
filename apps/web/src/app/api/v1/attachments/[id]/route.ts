// GET an attachment's bytes. Authorized on every request through the API (the task must be visible to the caller
// in the organization named by ?org=); served as a download that browsers never render or sniff.
import { attachmentKey, getStorage } from "@tenantry/api";

import { callerForRequest, errorResponse } from "~/server/rest";

export const dynamic = "force-dynamic";

export async function GET(req: Request, props: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await props.params;
    const caller = await callerForRequest(req);
    const attachment = await caller.task.attachment.get({ id });
    const body = await getStorage().open(attachmentKey(attachment.organizationId, attachment.id));
    if (!body) {
      return Response.json(
        { error: { code: "NOT_FOUND", message: "The file of this attachment is missing" } },
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
  } catch (error) {
    return errorResponse(error);
  }
}
