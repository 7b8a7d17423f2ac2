// The assistant domain's chat half: conversations, messages, streamed turns, tools, the token allowance, and the
// model provider seam.
export * from "./conversations.ts";
export { listMessages, toMessageOutput } from "./messages.ts";
export { beginResume, beginTurn, tenantRunner } from "./chat-turn.ts";
export type { TenantRunner, Turn } from "./chat-turn.ts";
export { streamTurn } from "./chat-stream.ts";
export { collectReply } from "./chat-reply.ts";
export { decideToolCall } from "./tool-decision.ts";
export { assertAssistantQuota, assistantTokensThisMonth, getAssistantUsage } from "./quota.ts";
export { getModelProvider, ModelProviderError, setModelProvider } from "./provider.ts";
export type { ChatEvent, ChatMessage, ChatRequest, ModelProvider } from "./provider.ts";
export { OpenAICompatibleProvider } from "./provider-openai.ts";
