// The model provider seam: the chat service speaks only this interface (messages and tool definitions in, a
// stream of tokens, tool calls and usage out), so a provider is swappable and a test can point it at a fake server.
// The configured provider comes from env (ASSISTANT_BASE_URL / ASSISTANT_API_KEY / ASSISTANT_MODEL); without any,
// there is none and the chat answers from retrieval only.
import { env } from "../env.ts";
import { OpenAICompatibleProvider } from "./provider-openai.ts";

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

const globalForProvider = globalThis as unknown as {
  tenantryModelProvider?: ModelProvider | null;
};

/** The process-wide provider from env, or null when no model is configured (retrieval-only mode). */
export function getModelProvider(): ModelProvider | null {
  if (globalForProvider.tenantryModelProvider !== undefined) {
    return globalForProvider.tenantryModelProvider;
  }
  globalForProvider.tenantryModelProvider =
    env.ASSISTANT_BASE_URL || env.ASSISTANT_API_KEY
      ? new OpenAICompatibleProvider({
          baseURL: env.ASSISTANT_BASE_URL ?? null,
          apiKey: env.ASSISTANT_API_KEY ?? null,
          defaultModel: env.ASSISTANT_MODEL,
          timeoutMs: env.ASSISTANT_TIMEOUT_MS,
        })
      : null;
  return globalForProvider.tenantryModelProvider;
}

/**
 * Replaces the process-wide provider (null: none configured; undefined: back to env). The composition seam for
 * an embedding application and for tests that run against a fake server.
 */
export function setModelProvider(provider: ModelProvider | null | undefined): void {
  globalForProvider.tenantryModelProvider = provider;
}
