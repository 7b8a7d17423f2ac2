// A streamed turn folded into one answer, for transports that do not stream (REST): the same events the browser
// receives, read to the end (the reply is stored by the stream itself, once), then summed up.
import type { TChatReplyOutput, TChatStreamEvent } from "@tenantry/validators";

export async function collectReply(
  events: AsyncIterable<TChatStreamEvent>,
): Promise<TChatReplyOutput> {
  const reply: TChatReplyOutput = {
    userMessageId: "",
    retrievalOnly: false,
    citations: [],
    toolCalls: [],
    message: null,
    error: null,
  };
  for await (const event of events) {
    if (event.type === "start") {
      reply.userMessageId = event.userMessageId;
      reply.retrievalOnly = event.retrievalOnly;
      reply.citations = event.citations;
    } else if (event.type === "tool") {
      reply.toolCalls.push(event.call);
    } else if (event.type === "done") {
      reply.message = event.message;
    } else if (event.type === "error") {
      reply.error = event.message;
      reply.message = event.stored ?? reply.message;
    }
  }
  return reply;
}
