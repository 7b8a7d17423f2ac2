"use client";

// Streams one assistant turn (chat.send or chat.resume) through the tRPC client: tokens accumulate as they
// arrive; Stop aborts the request, and the server stores what arrived as a stopped reply. When the stream ends the
// conversation's history is refetched, so the stored messages replace the live bubble. While it streams, the history
// (refetched to show the user's message) is shown up to the message the live turn follows (`after`): a reply the
// server stored before the last tokens were drawn is the live bubble, never a second copy of it.
import { useCallback, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";

import type { TChatStreamEvent, TCitedPassage } from "@tenantry/validators";

import { useTRPC, useTRPCClient } from "~/trpc/react";

export interface LiveReply {
  text: string;
  citations: TCitedPassage[];
  retrievalOnly: boolean;
  /** The stored message this turn follows: the user's message (send) or the last one before a resume. */
  after: string | null;
}

export function useChatStream(conversationId: string | null) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const controller = useRef<AbortController | null>(null);
  const [live, setLive] = useState<LiveReply | null>(null);
  const [error, setError] = useState<string | null>(null);

  const consume = useCallback(
    async (
      open: (signal: AbortSignal) => Promise<AsyncIterable<TChatStreamEvent>>,
      after: string | null,
    ) => {
      if (!conversationId) return;
      const abort = new AbortController();
      controller.current = abort;
      setError(null);
      setLive({ text: "", citations: [], retrievalOnly: false, after });
      try {
        const stream = await open(abort.signal);
        // The user's message is stored before the first token: show it in the history right away.
        void queryClient.invalidateQueries(trpc.chat.message.list.pathFilter());
        for await (const event of stream) {
          if (event.type === "start") {
            setLive({
              text: "",
              citations: event.citations,
              retrievalOnly: event.retrievalOnly,
              after: event.userMessageId || after,
            });
          } else if (event.type === "token") {
            setLive((prev) => (prev ? { ...prev, text: prev.text + event.text } : prev));
          } else if (event.type === "error") {
            setError(event.message);
          }
        }
      } catch (cause) {
        if (!abort.signal.aborted) {
          setError(cause instanceof Error ? cause.message : "The reply failed");
        }
      } finally {
        controller.current = null;
        await queryClient.invalidateQueries(trpc.chat.pathFilter());
        setLive(null);
      }
    },
    [conversationId, queryClient, trpc],
  );

  const send = useCallback(
    (content: string) =>
      consume(
        (signal) =>
          client.chat.send.mutate({ conversationId: conversationId ?? "", content }, { signal }),
        null,
      ),
    [client, consume, conversationId],
  );
  const resume = useCallback(
    (lastMessageId: string | null) =>
      consume(
        (signal) => client.chat.resume.mutate({ conversationId: conversationId ?? "" }, { signal }),
        lastMessageId,
      ),
    [client, consume, conversationId],
  );
  const stop = useCallback(() => controller.current?.abort(), []);

  return { live, error, streaming: live !== null, send, resume, stop };
}
