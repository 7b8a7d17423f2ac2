// POST multipart/form-data with a `file` field: attaches it to the task (limits and authorization in the API).
import { TRPCError } from "@trpc/server";

import { bodyLimitFor, limitBody } from "~/server/body-limit";
import { assertSameOrigin, callerForRequest, errorResponse } from "~/server/rest";

export const dynamic = "force-dynamic";

export async function POST(req: Request, props: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(req);
    const { id } = await props.params;
    const limited = limitBody(req, bodyLimitFor("multipart/form-data"));
    const form = await limited.formData().catch((error: unknown) => {
      if (error instanceof TRPCError) throw error; // too large
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "Send the upload as multipart/form-data",
      });
    });
    form.set("taskId", id);
    const caller = await callerForRequest(req);
    const attachment = await caller.task.attachment.upload(form);
    return Response.json(attachment, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
