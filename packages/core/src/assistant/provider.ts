// The model provider seam: the chat service speaks only this interface (messages and tool definitions in, a
// stream of tokens, tool calls and usage out), so a provider is swappable and a test can point it at a fake server.
// The configured provider comes from env (ASSISTANT_BASE_URL / ASSISTANT_API_KEY / ASSISTANT_MODEL); without any,
// there is none and the chat answers from retrieval only.
import type { ModelProvider } from "./provider-types.ts";
import { env } from "../env.ts";
import { OpenAICompatibleProvider } from "./provider-openai.ts";

export type {
  ChatEvent,
  ChatMessage,
  ChatRequest,
  ChatToolCall,
  ChatToolDefinition,
  ChatUsage,
  ModelProvider,
} from "./provider-types.ts";
export { ModelProviderError } from "./provider-types.ts";

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
