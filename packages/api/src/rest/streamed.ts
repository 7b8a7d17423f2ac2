// Routes whose procedure streams its answer (chat.send, chat.resume yield events as the model writes): a REST client
// cannot read tRPC's stream, so the dispatcher reads it to the end and answers the folded reply as one JSON
// document, documented with the fold's schema. The reply is stored by the stream itself, exactly as in the browser.
import type { z } from "zod";

import type { TChatStreamEvent } from "@tenantry/validators";
import { collectReply } from "@tenantry/core/assistant/index";
import { ZChatReplyOutput } from "@tenantry/validators";

interface Streamed {
  /** The schema of the folded answer (the OpenAPI document's, and what the answer is parsed with). */
  output: z.ZodType;
  collect: (stream: unknown) => Promise<unknown>;
}

const chatReply: Streamed = {
  output: ZChatReplyOutput,
  collect: async (stream) =>
    ZChatReplyOutput.parse(await collectReply(stream as AsyncIterable<TChatStreamEvent>)),
};

const STREAMED: Record<string, Streamed | undefined> = {
  "chat.send": chatReply,
  "chat.resume": chatReply,
};

export const streamedRoute = (procedure: string): Streamed | undefined => STREAMED[procedure];
