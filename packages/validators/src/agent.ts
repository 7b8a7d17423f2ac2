// Agents (assistant configurations) and the knowledge base they answer from: inputs, outputs, limits.
import { z } from "zod";

import type { UploadedFile } from "./task.ts";
import {
  boundedInt,
  boundedText,
  isStorableText,
  multiLineText,
  singleLineText,
  ZId,
} from "./common.ts";

export const AGENT_NAME_MAX = 120;
export const AGENT_MODEL_MAX = 120;
export const AGENT_SYSTEM_PROMPT_MAX = 20_000;
export const AGENT_MAX_TOKENS_MAX = 32_000;
export const AGENT_TEMPERATURE_MAX = 2;
export const AGENT_DOCUMENTS_MAX = 100;

/**
 * The one registry of the tools an agent may be given (function calling): the editor offers them (with their
 * labels), the runtime (core/assistant/tools.ts) implements each on top of the same services and permissions as
 * the rest of the app, and `write` tools run only after the user confirms in the chat. An agent's enabledTools is
 * a subset of these names.
 */
export const AGENT_TOOLS = {
  "knowledge.search": { write: false, label: "Search the knowledge base" },
  "task.search": { write: false, label: "Search tasks" },
  "task.read": { write: false, label: "Read a task" },
  "task.create": { write: true, label: "Create a task (asks the user to confirm)" },
} as const;
export type TAgentTool = keyof typeof AGENT_TOOLS;
export const AGENT_TOOL_NAMES = Object.keys(AGENT_TOOLS) as [TAgentTool, ...TAgentTool[]];
export const ZAgentTool = z.enum(AGENT_TOOL_NAMES, {
  error: (issue) => `Unknown tool "${String(issue.input)}"`,
});

/** What agent.options answers: the registry as a list, and the suggested types. */
export const ZAgentOptionsOutput = z.object({
  tools: z.array(z.object({ name: ZAgentTool, label: z.string(), write: z.boolean() })),
  types: z.array(z.string()),
});
export type TAgentOptionsOutput = z.infer<typeof ZAgentOptionsOutput>;

/** Types offered in the editor; the type is an open list, any lower-case slug is accepted. */
export const AGENT_TYPE_SUGGESTIONS = [
  "documentation",
  "rfp",
  "jira",
  "hr",
  "finance",
  "support",
  "general",
] as const;

export const ZAgentType = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: "Type is required" })
  .max(40, { message: "Type must be at most 40 characters" })
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, {
    message: "Type may contain lower-case letters, digits, single hyphens and underscores",
  });

const agentFields = {
  name: boundedText("Name", AGENT_NAME_MAX),
  type: ZAgentType,
  /** Null: the whole organization. */
  projectId: ZId.nullable(),
  /** Empty: the deployment's default model (ASSISTANT_MODEL). */
  model: singleLineText("Model").max(AGENT_MODEL_MAX, {
    message: `Model must be at most ${AGENT_MODEL_MAX} characters`,
  }),
  temperature: z
    .number({ message: "Temperature must be a number" })
    .min(0, { message: "Temperature must be at least 0" })
    .max(AGENT_TEMPERATURE_MAX, {
      message: `Temperature must be at most ${AGENT_TEMPERATURE_MAX}`,
    }),
  maxTokens: boundedInt(1, AGENT_MAX_TOKENS_MAX),
  systemPrompt: multiLineText("System prompt").max(AGENT_SYSTEM_PROMPT_MAX, {
    message: `System prompt must be at most ${AGENT_SYSTEM_PROMPT_MAX} characters`,
  }),
  enabledTools: z
    .array(ZAgentTool)
    .max(AGENT_TOOL_NAMES.length)
    .transform((tools) => [...new Set(tools)]),
  documentIds: z
    .array(ZId)
    .max(AGENT_DOCUMENTS_MAX, { message: `Attach at most ${AGENT_DOCUMENTS_MAX} documents` })
    .transform((ids) => [...new Set(ids)]),
};

export const ZAgentCreateInput = z.object({
  name: agentFields.name,
  type: agentFields.type,
  projectId: agentFields.projectId.default(null),
  model: agentFields.model.default(""),
  temperature: agentFields.temperature.default(0.2),
  maxTokens: agentFields.maxTokens.default(1024),
  systemPrompt: agentFields.systemPrompt.default(""),
  enabledTools: agentFields.enabledTools.default([]),
  documentIds: agentFields.documentIds.default([]),
});
export type TAgentCreateInput = z.input<typeof ZAgentCreateInput>;
export type TAgentCreateParsed = z.output<typeof ZAgentCreateInput>;

/** Only the fields present change; documentIds, when present, replaces the attached set. */
export const ZAgentUpdateInput = z.object({
  id: ZId,
  name: agentFields.name.optional(),
  type: agentFields.type.optional(),
  projectId: agentFields.projectId.optional(),
  model: agentFields.model.optional(),
  temperature: agentFields.temperature.optional(),
  maxTokens: agentFields.maxTokens.optional(),
  systemPrompt: agentFields.systemPrompt.optional(),
  enabledTools: agentFields.enabledTools.optional(),
  documentIds: agentFields.documentIds.optional(),
});
export type TAgentUpdateInput = z.input<typeof ZAgentUpdateInput>;
export type TAgentUpdateParsed = z.output<typeof ZAgentUpdateInput>;

export const ZAgentRef = z.object({ id: ZId });

/** includeInactive is honoured for holders of agent.manage only; members always see active agents. */
export const ZAgentListInput = z
  .object({ includeInactive: z.boolean().default(false) })
  .default({ includeInactive: false });

export const ZAgentOutput = z.object({
  id: ZId,
  organizationId: ZId,
  projectId: ZId.nullable(),
  name: z.string(),
  type: z.string(),
  model: z.string(),
  temperature: z.number(),
  maxTokens: z.number().int(),
  systemPrompt: z.string(),
  enabledTools: z.array(z.string()),
  active: z.boolean(),
  documents: z.array(z.object({ id: ZId, name: z.string(), status: z.string() })),
  createdBy: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TAgentOutput = z.infer<typeof ZAgentOutput>;

// ---- knowledge base -------------------------------------------------------------------------------------------

export const KNOWLEDGE_DOCUMENT_STATUSES = ["PENDING", "READY", "FAILED"] as const;
export type TKnowledgeDocumentStatus = (typeof KNOWLEDGE_DOCUMENT_STATUSES)[number];

/** The media types the knowledge base extracts text from. */
export const KNOWLEDGE_MEDIA_TYPES = ["text/plain", "text/markdown", "application/pdf"] as const;
export type TKnowledgeMediaType = (typeof KNOWLEDGE_MEDIA_TYPES)[number];

const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === "object" &&
  value !== null &&
  "name" in value &&
  typeof value.name === "string" &&
  "type" in value &&
  typeof value.type === "string" &&
  "size" in value &&
  typeof value.size === "number" &&
  "arrayBuffer" in value &&
  typeof value.arrayBuffer === "function";

/** Multipart upload: field `file`. Size and type limits are the server's configuration (KNOWLEDGE_MAX_BYTES). */
export const ZKnowledgeUploadInput = z
  .instanceof(FormData, { message: "Send the upload as multipart/form-data" })
  .transform((form): { file: unknown } => ({ file: form.get("file") }))
  .pipe(
    z.object({
      file: z
        .custom<UploadedFile>(isUploadedFile, { message: "Choose a file to upload" })
        .refine((file) => isStorableText(file.name), {
          message: "The file name contains characters that cannot be stored",
        }),
    }),
  );

export const ZKnowledgeDocumentRef = z.object({ id: ZId });

export const ZKnowledgeDocumentOutput = z.object({
  id: ZId,
  organizationId: ZId,
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  status: z.enum(KNOWLEDGE_DOCUMENT_STATUSES),
  failureReason: z.string().nullable(),
  chunkCount: z.number().int(),
  uploadedBy: z.object({ id: ZId, name: z.string() }).nullable(),
  processedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TKnowledgeDocumentOutput = z.infer<typeof ZKnowledgeDocumentOutput>;

export const KNOWLEDGE_QUERY_MAX = 500;
export const KNOWLEDGE_SEARCH_LIMIT_MAX = 20;

/** With agentId: only that agent's attached documents; without: every READY document of the organization. */
export const ZKnowledgeSearchInput = z.object({
  query: boundedText("Query", KNOWLEDGE_QUERY_MAX),
  agentId: ZId.nullable().default(null),
  limit: boundedInt(1, KNOWLEDGE_SEARCH_LIMIT_MAX).default(5),
});
export type TKnowledgeSearchInput = z.input<typeof ZKnowledgeSearchInput>;

/** A retrieved passage: where it comes from (document, position in reading order) and how well it matched. */
export const ZKnowledgePassageOutput = z.object({
  documentId: ZId,
  documentName: z.string(),
  chunkId: ZId,
  position: z.number().int(),
  content: z.string(),
  rank: z.number(),
});
export type TKnowledgePassage = z.infer<typeof ZKnowledgePassageOutput>;
