// POST multipart/form-data with a `file` field: attaches it to the task (limits and authorization in the API).
import { TRPCError } from "@trpc/server";

import { assertSameOrigin, callerForRequest, errorResponse } from "~/server/rest";

export const dynamic = "force-dynamic";

export async function POST(req: Request, props: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(req);
    const { id } = await props.params;
    const form = await req.formData().catch(() => {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "Send the upload as multipart/form-data",
      });
    });
    form.set("taskId", id);
    const caller = await callerForRequest(req);
    const attachment = await caller.task.attachment.upload(form);
    return Response.json(attachment, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
