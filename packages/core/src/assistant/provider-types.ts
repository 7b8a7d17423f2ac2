// What a model provider speaks (messages and tool definitions in, a stream of tokens, tool calls and usage out) and
// how it fails: shared by the provider seam (provider.ts) and its implementations (provider-openai.ts).

export interface ChatToolCall {
  id: string;
  name: string;
  /** The arguments as the model produced them: a JSON text, parsed and validated by the tool. */
  arguments: string;
}

export type ChatMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ChatToolCall[] }
  | { role: "tool"; content: string; toolCallId: string };

export interface ChatToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  /** Overrides the provider's default model (an agent's configured model). */
  model?: string | null;
  temperature?: number | null;
  maxTokens?: number | null;
  messages: ChatMessage[];
  tools?: ChatToolDefinition[];
  /** Aborting stops the upstream request; the stream then ends without a `done` event. */
  signal?: AbortSignal;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
}

export type ChatEvent =
  | { type: "token"; text: string }
  | { type: "tool_call"; call: ChatToolCall }
  | {
      type: "done";
      model: string;
      finishReason: "stop" | "length" | "tool_calls" | "content_filter" | "other";
      /** Null when the endpoint reports none (some compatible servers do not). */
      usage: ChatUsage | null;
    };

export interface ModelProvider {
  /** The model used when a request names none. */
  readonly defaultModel: string;
  stream(request: ChatRequest): AsyncIterable<ChatEvent>;
}

/** A provider that failed upstream (unreachable, refused, bad key): the message is safe to show a user. */
export class ModelProviderError extends Error {
  override name = "ModelProviderError";
}
