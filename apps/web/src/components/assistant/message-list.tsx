"use client";

// A conversation's history: the member's messages, the assistant's replies with their sources, and tool calls
// inline — a pending write tool with Confirm / Decline. Tool results (TOOL messages) show on their call's card.
import { useMutation } from "@tanstack/react-query";
import { Wrench } from "lucide-react";

import type { TChatMessageOutput, TMessageToolCall } from "@tenantry/validators";

import type { LiveReply } from "./use-chat-stream";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { Citations } from "./citations";

const TOOL_LABELS: Record<string, string> = {
  "knowledge.search": "Search the knowledge base",
  "task.search": "Search tasks",
  "task.read": "Read a task",
  "task.create": "Create a task",
};

function ToolCallCard(props: {
  call: TMessageToolCall;
  conversationId: string;
  messageId: string;
  onDecided: (canResume: boolean) => void;
  disabled: boolean;
}) {
  const trpc = useTRPC();
  const decide = useMutation(
    trpc.chat.decide.mutationOptions({ onSuccess: (r) => props.onDecided(r.canResume) }),
  );
  const { call } = props;
  const run = (decision: "confirm" | "decline") =>
    decide.mutate({
      conversationId: props.conversationId,
      messageId: props.messageId,
      toolCallId: call.id,
      decision,
    });
  return (
    <div className="mt-2 rounded-md border bg-muted/40 p-3 text-sm" data-testid="tool-call">
      <div className="flex items-center gap-2 font-medium">
        <Wrench className="size-4" aria-hidden />
        {TOOL_LABELS[call.tool] ?? call.tool}
        <Badge variant={call.state === "failed" ? "destructive" : "secondary"}>{call.state}</Badge>
      </div>
      <pre className="mt-1 overflow-x-auto text-xs text-muted-foreground">
        {JSON.stringify(call.arguments, null, 2)}
      </pre>
      {call.result ? <p className="mt-1 whitespace-pre-wrap">{call.result}</p> : null}
      {call.state === "pending" ? (
        <div className="mt-2 flex gap-2">
          <Button
            size="sm"
            onClick={() => run("confirm")}
            disabled={props.disabled || decide.isPending}
          >
            Confirm
          </Button>
          <Button
            size="sm"
            variant="outline"
            onClick={() => run("decline")}
            disabled={props.disabled || decide.isPending}
          >
            Decline
          </Button>
        </div>
      ) : null}
      {decide.error ? <p className="mt-1 text-destructive">{decide.error.message}</p> : null}
    </div>
  );
}

export function MessageList(props: {
  conversationId: string;
  messages: TChatMessageOutput[];
  live: LiveReply | null;
  onResume: () => void;
}) {
  // While a turn streams, what the server already stored of it is the live bubble (use-chat-stream.ts).
  const cut = props.live?.after ? props.messages.findIndex((m) => m.id === props.live?.after) : -1;
  const shown = cut === -1 ? props.messages : props.messages.slice(0, cut + 1);
  const visible = shown.filter((m) => m.role !== "TOOL");
  return (
    <ol className="flex flex-col gap-4" aria-label="Messages">
      {visible.map((m) => (
        <li
          key={m.id}
          className={m.role === "USER" ? "self-end max-w-[80%]" : "self-start max-w-[90%]"}
          data-role={m.role.toLowerCase()}
        >
          <div
            className={
              m.role === "USER"
                ? "rounded-lg bg-primary px-3 py-2 text-primary-foreground"
                : "rounded-lg border px-3 py-2"
            }
          >
            {m.content ? <p className="whitespace-pre-wrap">{m.content}</p> : null}
            {m.status !== "COMPLETE" ? (
              <p className="mt-1 text-xs text-muted-foreground">
                {m.status === "STOPPED" ? "Stopped" : `Failed: ${m.metadata.error ?? "error"}`}
              </p>
            ) : null}
            {(m.metadata.toolCalls ?? []).map((call) => (
              <ToolCallCard
                key={call.id}
                call={call}
                conversationId={props.conversationId}
                messageId={m.id}
                disabled={props.live !== null}
                onDecided={(canResume) => {
                  if (canResume) props.onResume();
                }}
              />
            ))}
            <Citations citations={m.metadata.citations ?? []} />
          </div>
        </li>
      ))}
      {props.live ? (
        <li className="self-start max-w-[90%]" data-role="assistant" aria-live="polite">
          <div className="rounded-lg border px-3 py-2">
            <p className="whitespace-pre-wrap" data-testid="live-reply">
              {props.live.text || "…"}
            </p>
            <Citations citations={props.live.citations} />
          </div>
        </li>
      ) : null}
    </ol>
  );
}
