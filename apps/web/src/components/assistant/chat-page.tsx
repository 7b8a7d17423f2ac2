"use client";

// The assistant chat: conversation history in a sidebar (new, rename, archive, delete), the open conversation's
// messages with cited sources and inline tool calls, and a composer whose reply streams in with a Stop button.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Archive, MessageSquarePlus, Pencil, Square, Trash2 } from "lucide-react";

import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { Textarea } from "~/components/ui/textarea";
import { useTRPC } from "~/trpc/react";
import { MessageList } from "./message-list";
import { useChatStream } from "./use-chat-stream";

function Sidebar(props: { selected: string | null; onSelect: (id: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The active agents (agent.list without includeInactive), the same list the agents page shows members.
  const agents = useQuery(trpc.agent.list.queryOptions());
  const conversations = useQuery(trpc.chat.conversation.list.queryOptions({}));
  const [agentId, setAgentId] = useState("");
  const refresh = () => queryClient.invalidateQueries(trpc.chat.conversation.pathFilter());
  const create = useMutation(
    trpc.chat.conversation.create.mutationOptions({
      onSuccess: async (c) => {
        await refresh();
        props.onSelect(c.id);
      },
    }),
  );
  const rename = useMutation(trpc.chat.conversation.rename.mutationOptions({ onSuccess: refresh }));
  const archive = useMutation(
    trpc.chat.conversation.archive.mutationOptions({ onSuccess: refresh }),
  );
  const remove = useMutation(
    trpc.chat.conversation.delete.mutationOptions({
      onSuccess: async () => {
        props.onSelect(null);
        await refresh();
      },
    }),
  );
  const chosen = (agentId === "" ? agents.data?.[0]?.id : agentId) ?? "";
  return (
    <aside className="flex w-64 shrink-0 flex-col gap-3 border-r pr-4" aria-label="Conversations">
      <label className="text-xs font-medium text-muted-foreground" htmlFor="chat-agent">
        Agent
      </label>
      <select
        id="chat-agent"
        className="h-9 rounded-md border bg-background px-2 text-sm"
        value={chosen}
        onChange={(e) => setAgentId(e.target.value)}
      >
        {(agents.data ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        disabled={!chosen || create.isPending}
        onClick={() => create.mutate({ agentId: chosen })}
      >
        <MessageSquarePlus aria-hidden /> New conversation
      </Button>
      <ul className="flex flex-col gap-1 overflow-y-auto">
        {(conversations.data?.items ?? []).map((c) => (
          <li key={c.id} className="group flex items-center gap-1">
            <button
              type="button"
              aria-current={c.id === props.selected ? "page" : undefined}
              className="flex-1 truncate rounded-md px-2 py-1.5 text-left text-sm hover:bg-accent aria-[current=page]:bg-accent"
              onClick={() => props.onSelect(c.id)}
            >
              {c.title || "New conversation"}
              <span className="block text-xs text-muted-foreground">{c.agentName}</span>
            </button>
            <Button
              variant="ghost"
              size="icon"
              aria-label="Rename"
              onClick={() => {
                const title = window.prompt("Rename conversation", c.title);
                if (title?.trim()) rename.mutate({ conversationId: c.id, title });
              }}
            >
              <Pencil aria-hidden />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              aria-label="Archive"
              onClick={() => archive.mutate({ conversationId: c.id, archived: true })}
            >
              <Archive aria-hidden />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              aria-label="Delete"
              onClick={() => {
                if (window.confirm("Delete this conversation?")) {
                  remove.mutate({ conversationId: c.id });
                }
              }}
            >
              <Trash2 aria-hidden />
            </Button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

function Conversation(props: { conversationId: string }) {
  const trpc = useTRPC();
  const history = useQuery(
    trpc.chat.message.list.queryOptions({ conversationId: props.conversationId, limit: 100 }),
  );
  const chat = useChatStream(props.conversationId);
  const [draft, setDraft] = useState("");
  const submit = () => {
    const content = draft.trim();
    if (!content || chat.streaming) return;
    setDraft("");
    void chat.send(content);
  };
  return (
    <section className="flex min-w-0 flex-1 flex-col gap-4">
      <div className="flex-1 overflow-y-auto">
        <MessageList
          conversationId={props.conversationId}
          messages={history.data?.items ?? []}
          live={chat.live}
          onResume={() => void chat.resume(history.data?.items.at(-1)?.id ?? null)}
        />
        {chat.live?.retrievalOnly ? (
          <p className="mt-2 text-xs text-muted-foreground">
            No model is configured: answers are the knowledge base&apos;s best passages.
          </p>
        ) : null}
        {chat.error ? (
          <p role="alert" className="mt-2 text-sm text-destructive">
            {chat.error}
          </p>
        ) : null}
      </div>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Textarea
          aria-label="Message"
          value={draft}
          maxLength={8000}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
          placeholder="Ask the assistant…"
        />
        {chat.streaming ? (
          <Button type="button" variant="outline" onClick={chat.stop}>
            <Square aria-hidden /> Stop
          </Button>
        ) : (
          <Button type="submit" disabled={!draft.trim()}>
            Send
          </Button>
        )}
      </form>
    </section>
  );
}

export function ChatPage() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="flex min-h-[60vh] gap-4">
      <Sidebar selected={selected} onSelect={setSelected} />
      {selected ? (
        <Conversation key={selected} conversationId={selected} />
      ) : (
        <div className="flex-1">
          <EmptyState
            icon={MessageSquarePlus}
            title="No conversation open"
            description="Start a new conversation with one of the organization's agents, or open one from the list."
          />
        </div>
      )}
    </div>
  );
}
