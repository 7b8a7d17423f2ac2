"use client";

// Streams one assistant turn (chat.send or chat.resume) through the tRPC client: tokens accumulate as they
// arrive; Stop aborts the request, and the server stores what arrived as a stopped reply. When the stream ends the
// conversation's history is refetched, so the stored messages replace the live bubble.
import { useCallback, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";

import type { TChatStreamEvent, TCitedPassage } from "@tenantry/validators";

import { useTRPC, useTRPCClient } from "~/trpc/react";

export interface LiveReply {
  text: string;
  citations: TCitedPassage[];
  retrievalOnly: boolean;
}

export function useChatStream(conversationId: string | null) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const controller = useRef<AbortController | null>(null);
  const [live, setLive] = useState<LiveReply | null>(null);
  const [error, setError] = useState<string | null>(null);

  const consume = useCallback(
    async (open: (signal: AbortSignal) => Promise<AsyncIterable<TChatStreamEvent>>) => {
      if (!conversationId) return;
      const abort = new AbortController();
      controller.current = abort;
      setError(null);
      setLive({ text: "", citations: [], retrievalOnly: false });
      try {
        const stream = await open(abort.signal);
        // The user's message is stored before the first token: show it in the history right away.
        void queryClient.invalidateQueries(trpc.chat.message.list.pathFilter());
        for await (const event of stream) {
          if (event.type === "start") {
            setLive({ text: "", citations: event.citations, retrievalOnly: event.retrievalOnly });
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
      consume((signal) =>
        client.chat.send.mutate({ conversationId: conversationId ?? "", content }, { signal }),
      ),
    [client, consume, conversationId],
  );
  const resume = useCallback(
    () =>
      consume((signal) =>
        client.chat.resume.mutate({ conversationId: conversationId ?? "" }, { signal }),
      ),
    [client, consume, conversationId],
  );
  const stop = useCallback(() => controller.current?.abort(), []);

  return { live, error, streaming: live !== null, send, resume, stop };
}
