// A small OpenAI-compatible chat-completions server for tests and the e2e run: node:http on loopback, port 0. It
// streams Server-Sent Events the way the real API does (`data: {chunk}` lines, usage in a last chunk when asked
// for, then `data: [DONE]`), answers tool calls (function calling), and is scripted per test: a responder picks the
// reply from the request (usually from the last user message). `tokenDelayMs` slows a reply so a test can stop it
// mid-stream; `disconnects` counts replies the client hung up on.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeToolCall {
  name: string;
  /** The function arguments; serialized as JSON into the tool call. */
  arguments: Record<string, unknown>;
}

export interface FakeReply {
  /** Text of the reply; streamed as one chunk per word (with its trailing space). */
  content?: string;
  toolCalls?: FakeToolCall[];
  /** Overrides the usage numbers (otherwise: words of the prompt, chunks of the reply). */
  usage?: { promptTokens: number; completionTokens: number };
  /** Pause before each chunk. */
  tokenDelayMs?: number;
  /** Answer with this HTTP status and an OpenAI-style error body instead of a completion. */
  errorStatus?: number;
}

export interface FakeMessage {
  role: "system" | "user" | "assistant" | "tool";
  content?: string | null;
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface FakeChatRequest {
  model: string;
  messages: FakeMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: { type: "function"; function: { name: string; description?: string } }[];
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
}

export type Responder = (request: FakeChatRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAI {
  /** Base URL including `/v1`, as ASSISTANT_BASE_URL expects. */
  url: string;
  /** Every chat request received, in order. */
  requests: FakeChatRequest[];
  /** Streams the client closed before the end. */
  disconnects: () => number;
  setResponder: (responder: Responder) => void;
  close: () => Promise<void>;
}

export function lastUserMessage(request: FakeChatRequest): string {
  const last = request.messages.findLast((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : "";
}

/**
 * The responder the e2e run uses: "create a task <title> in project <KEY>" asks for the task_create tool (when
 * offered), a tool result is acknowledged, anything else is answered from the first passage of the system prompt
 * with its citation marker, so the browser sees a cited answer without a real model.
 */
export const defaultResponder: Responder = (request) => {
  const last = request.messages.at(-1);
  if (last?.role === "tool") {
    return { content: `Done. The tool answered: ${String(last.content).slice(0, 200)}` };
  }
  const question = lastUserMessage(request);
  const create =
    /create (?:a )?task[:\s]+(.+?)(?:\s+in project\s+([A-Za-z][A-Za-z0-9]{1,9}))?\s*$/i.exec(
      question,
    );
  const offered = new Set((request.tools ?? []).map((t) => t.function.name));
  if (create?.[1] && offered.has("task_create")) {
    const args: Record<string, unknown> = { title: create[1].trim() };
    if (create[2]) args.projectKey = create[2];
    return { toolCalls: [{ name: "task_create", arguments: args }] };
  }
  const system = request.messages.find((m) => m.role === "system")?.content ?? "";
  const passage = /\[1\][^\n]*\n([^\n]+)/.exec(String(system));
  if (passage?.[1]) {
    return { content: `According to the knowledge base [1]: ${passage[1].trim().slice(0, 400)}` };
  }
  return { content: `You asked: ${question}` };
};

const words = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

function promptTokens(request: FakeChatRequest): number {
  return request.messages.reduce(
    (sum, m) => sum + words(typeof m.content === "string" ? m.content : "").length,
    0,
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function toolCallsOf(reply: FakeReply) {
  return (reply.toolCalls ?? []).map((call, index) => ({
    index,
    id: `call_${randomUUID().slice(0, 8)}`,
    type: "function" as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

async function stream(
  res: ServerResponse,
  request: FakeChatRequest,
  reply: FakeReply,
  onDisconnect: () => void,
): Promise<void> {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const state = { closed: false };
  res.on("close", () => {
    if (!res.writableEnded) {
      state.closed = true;
      onDisconnect();
    }
  });
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = async (choices: unknown[], extra: Record<string, unknown> = {}) => {
    if (reply.tokenDelayMs) await sleep(reply.tokenDelayMs);
    if (state.closed) return false;
    const chunk = { id, object: "chat.completion.chunk", created, model: request.model, choices };
    res.write(`data: ${JSON.stringify({ ...chunk, ...extra })}\n\n`);
    return true;
  };
  const pieces = words(reply.content ?? "");
  if (!(await send([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }])))
    return;
  for (const piece of pieces) {
    if (!(await send([{ index: 0, delta: { content: piece }, finish_reason: null }]))) return;
  }
  const calls = toolCallsOf(reply);
  if (calls.length > 0) {
    if (!(await send([{ index: 0, delta: { tool_calls: calls }, finish_reason: null }]))) return;
  }
  const finish = calls.length > 0 ? "tool_calls" : "stop";
  if (!(await send([{ index: 0, delta: {}, finish_reason: finish }]))) return;
  if (request.stream_options?.include_usage) {
    const usage = reply.usage ?? {
      promptTokens: promptTokens(request),
      completionTokens: pieces.length + calls.length,
    };
    await send([], {
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
      },
    });
  }
  if (!state.closed) res.end("data: [DONE]\n\n");
}

function complete(res: ServerResponse, request: FakeChatRequest, reply: FakeReply): void {
  const calls = toolCallsOf(reply).map(({ index: _index, ...call }) => call);
  const usage = reply.usage ?? {
    promptTokens: promptTokens(request),
    completionTokens: words(reply.content ?? "").length + calls.length,
  };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: reply.content ?? null,
            ...(calls.length > 0 ? { tool_calls: calls } : {}),
          },
          finish_reason: calls.length > 0 ? "tool_calls" : "stop",
        },
      ],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
      },
    }),
  );
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type: "invalid_request_error", code: null } }));
}

export async function startFakeOpenAI(
  options: { responder?: Responder; apiKey?: string; port?: number } = {},
): Promise<FakeOpenAI> {
  let responder = options.responder ?? defaultResponder;
  let disconnects = 0;
  const requests: FakeChatRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        fail(res, 401, "Incorrect API key provided");
        return;
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET" && url.pathname === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ id: "fake-model", object: "model" }] }));
        return;
      }
      if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") {
        fail(res, 404, `Unknown route ${req.method} ${url.pathname}`);
        return;
      }
      let request: FakeChatRequest;
      try {
        request = JSON.parse(await readBody(req)) as FakeChatRequest;
      } catch {
        fail(res, 400, "Body is not JSON");
        return;
      }
      if (!Array.isArray(request.messages) || typeof request.model !== "string") {
        fail(res, 400, "model and messages are required");
        return;
      }
      requests.push(request);
      const reply = await responder(request);
      if (reply.errorStatus) {
        fail(res, reply.errorStatus, `Scripted failure ${reply.errorStatus}`);
        return;
      }
      if (request.stream) {
        await stream(res, request, reply, () => {
          disconnects += 1;
        });
      } else complete(res, request, reply);
    })().catch((error: unknown) => {
      if (!res.headersSent) fail(res, 500, error instanceof Error ? error.message : "error");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    disconnects: () => disconnects,
    setResponder: (next) => {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
