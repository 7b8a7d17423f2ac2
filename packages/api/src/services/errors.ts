// Errors that forms can place: a BAD_REQUEST tied to one input field.
import { TRPCError } from "@trpc/server";
import { z } from "zod";

/** A BAD_REQUEST whose cause is a ZodError, so the error formatter returns it as a field error. */
export function fieldError(field: string, message: string): TRPCError {
  return new TRPCError({
    code: "BAD_REQUEST",
    message,
    // ZodRealError, unlike `new ZodError`, is an Error, so tRPC keeps it as the cause (not an UnknownCauseError).
    cause: new z.ZodRealError([{ code: "custom", path: [field], message, input: undefined }]),
  });
}
