// The one real provider: any OpenAI-compatible chat-completions endpoint through the official `openai` client
// (retries, timeouts, SSE parsing and abort handled there). Tool-call deltas arrive in pieces per index and are
// assembled here; usage comes in the stream's last chunk (`stream_options.include_usage`).
import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import OpenAI, { APIError, APIUserAbortError } from "openai";

import type {
  ChatEvent,
  ChatMessage,
  ChatRequest,
  ChatToolCall,
  ModelProvider,
} from "./provider.ts";
import { ModelProviderError } from "./provider.ts";

function toOpenAIMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case "tool":
      return { role: "tool", content: message.content, tool_call_id: message.toolCallId };
    case "assistant":
      return message.toolCalls && message.toolCalls.length > 0
        ? {
            role: "assistant",
            content: message.content || null,
            tool_calls: message.toolCalls.map((call) => ({
              id: call.id,
              type: "function" as const,
              function: { name: call.name, arguments: call.arguments },
            })),
          }
        : { role: "assistant", content: message.content };
    default:
      return { role: message.role, content: message.content };
  }
}

const FINISH = new Set(["stop", "length", "tool_calls", "content_filter"]);

export class OpenAICompatibleProvider implements ModelProvider {
  readonly defaultModel: string;
  private readonly client: OpenAI;

  constructor(opts: {
    baseURL: string | null;
    apiKey: string | null;
    defaultModel: string;
    timeoutMs?: number;
  }) {
    this.defaultModel = opts.defaultModel;
    this.client = new OpenAI({
      // Self-hosted compatible servers usually take no key; the client insists on one, so any text will do.
      apiKey: opts.apiKey ?? "not-needed",
      baseURL: opts.baseURL,
      timeout: opts.timeoutMs ?? 120_000,
      maxRetries: 1,
    });
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatEvent> {
    const model = request.model ?? this.defaultModel;
    const tools: ChatCompletionTool[] | undefined = request.tools?.length
      ? request.tools.map((tool) => ({
          type: "function",
          function: { name: tool.name, description: tool.description, parameters: tool.parameters },
        }))
      : undefined;
    let chunks: AsyncIterable<ChatCompletionChunk>;
    try {
      chunks = await this.client.chat.completions.create(
        {
          model,
          messages: request.messages.map(toOpenAIMessage),
          stream: true,
          stream_options: { include_usage: true },
          ...(tools ? { tools } : {}),
          ...(request.temperature != null ? { temperature: request.temperature } : {}),
          ...(request.maxTokens != null ? { max_tokens: request.maxTokens } : {}),
        },
        { signal: request.signal },
      );
    } catch (error) {
      if (error instanceof APIUserAbortError) return;
      throw upstreamError(error);
    }
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    let finishReason: string | null = null;
    let usage: { promptTokens: number; completionTokens: number } | null = null;
    let answeredModel = model;
    try {
      for await (const chunk of chunks) {
        if (chunk.model) answeredModel = chunk.model;
        if (chunk.usage) {
          usage = {
            promptTokens: chunk.usage.prompt_tokens,
            completionTokens: chunk.usage.completion_tokens,
          };
        }
        for (const choice of chunk.choices) {
          const delta = choice.delta;
          if (delta.content) yield { type: "token", text: delta.content };
          for (const part of delta.tool_calls ?? []) {
            const call = calls.get(part.index) ?? { id: "", name: "", arguments: "" };
            if (part.id) call.id = part.id;
            if (part.function?.name) call.name += part.function.name;
            if (part.function?.arguments) call.arguments += part.function.arguments;
            calls.set(part.index, call);
          }
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
      }
    } catch (error) {
      if (error instanceof APIUserAbortError || request.signal?.aborted) return;
      throw upstreamError(error);
    }
    if (request.signal?.aborted) return;
    for (const [index, call] of [...calls].sort(([a], [b]) => a - b)) {
      const complete: ChatToolCall = { ...call, id: call.id || `call_${index}` };
      yield { type: "tool_call", call: complete };
    }
    yield {
      type: "done",
      model: answeredModel,
      finishReason:
        finishReason && FINISH.has(finishReason)
          ? (finishReason as "stop" | "length" | "tool_calls" | "content_filter")
          : "other",
      usage,
    };
  }
}

/** Upstream failures in words a user may read: never the endpoint's URL, key or raw body. */
function upstreamError(error: unknown): ModelProviderError {
  if (error instanceof APIError && error.status !== undefined) {
    if (error.status === 401 || error.status === 403) {
      return new ModelProviderError("The model provider refused the configured API key");
    }
    if (error.status === 429) return new ModelProviderError("The model provider is rate limiting");
    if (error.status === 404) return new ModelProviderError("The configured model was not found");
    return new ModelProviderError(`The model provider failed (HTTP ${error.status})`);
  }
  return new ModelProviderError("The model provider could not be reached");
}
