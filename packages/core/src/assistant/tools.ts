// The agent's tools (function calling). A tool runs as the conversation's user through the same domain services
// and permission checks as the UI: the member's own permissions decide (an agent grants nothing), and each run —
// or refusal — writes an audit entry naming the agent as the means. Write tools run only once the user confirms.
import { z } from "zod";

import type { TenantDb } from "@tenantry/db";
import type { Permission, TAgentTool } from "@tenantry/validators";
import {
  AGENT_TOOL_NAMES,
  AGENT_TOOLS,
  ZCreateTaskInput,
  ZListTasksInput,
} from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import type { ChatToolDefinition } from "./provider.ts";
import { recordAudit } from "../audit/audit.ts";
import { isDomainError } from "../errors.ts";
import { visibleProjectsWhere } from "../work/project-visibility.ts";
import { listTasks } from "../work/task-query.ts";
import { createTask, getTask } from "../work/task.ts";
import { searchAgentPassages } from "./passages.ts";

export interface ToolScope {
  actor: MemberActor;
  agent: { id: string; projectId: string | null };
  conversationId: string;
}

export interface ToolOutcome {
  ok: boolean;
  /** What the model reads back (and the chat shows). */
  result: string;
}

const ZQuery = z.object({ query: z.string().trim().min(1).max(200) });
const ZRead = z.object({ taskId: z.uuid() });
const ZCreate = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5_000).optional(),
  projectKey: z.string().trim().max(10).optional(),
});

interface ToolSpec {
  permission: Permission | null;
  definition: Omit<ChatToolDefinition, "name">;
  run: (db: TenantDb, scope: ToolScope, args: unknown) => Promise<ToolOutcome>;
}

const SPECS: Record<TAgentTool, ToolSpec> = {
  "knowledge.search": {
    permission: null,
    definition: {
      description:
        "Search this agent's knowledge base; returns the best-matching passages with their sources.",
      parameters: {
        type: "object",
        properties: { query: { type: "string", description: "What to look for" } },
        required: ["query"],
      },
    },
    run: async (db, scope, args) => {
      const { query } = ZQuery.parse(args);
      const passages = await searchAgentPassages(
        db,
        scope.actor.organizationId,
        scope.agent.id,
        query,
        5,
      );
      if (passages.length === 0) return { ok: true, result: "No matching passages." };
      return {
        ok: true,
        result: passages
          .map((p) => `${p.documentName} (passage ${p.position + 1}): ${p.content}`)
          .join("\n\n"),
      };
    },
  },
  "task.search": {
    permission: "task.read",
    definition: {
      description: "Search the tasks the user can see by words of their title or description.",
      parameters: {
        type: "object",
        properties: { query: { type: "string" } },
        required: ["query"],
      },
    },
    run: async (db, scope, args) => {
      const { query } = ZQuery.parse(args);
      const page = await listTasks(
        db,
        scope.actor,
        ZListTasksInput.parse({ search: query, limit: 10 }),
      );
      if (page.items.length === 0) return { ok: true, result: "No matching tasks." };
      return {
        ok: true,
        result: page.items
          .map((t) => `${t.reference} [${t.status}] ${t.title} (id ${t.id})`)
          .join("\n"),
      };
    },
  },
  "task.read": {
    permission: "task.read",
    definition: {
      description: "Read one task (title, status, priority, description) by its id.",
      parameters: {
        type: "object",
        properties: { taskId: { type: "string", description: "The task's id" } },
        required: ["taskId"],
      },
    },
    run: async (db, scope, args) => {
      const { taskId } = ZRead.parse(args);
      const task = await getTask(db, scope.actor, taskId);
      return {
        ok: true,
        result: `${task.reference} [${task.status}, ${task.priority}] ${task.title}\n${task.description}`,
      };
    },
  },
  "task.create": {
    permission: "task.create",
    definition: {
      description:
        "Create a task. The user confirms before it runs. projectKey names the project unless the agent has one.",
      parameters: {
        type: "object",
        properties: {
          title: { type: "string" },
          description: { type: "string" },
          projectKey: { type: "string", description: "The project's key, e.g. OPS" },
        },
        required: ["title"],
      },
    },
    run: async (db, scope, args) => {
      const input = ZCreate.parse(args);
      const projectId = await resolveProject(db, scope, input.projectKey);
      if (!projectId) {
        return { ok: false, result: "Name the project (its key) the task belongs to." };
      }
      const task = await createTask(
        db,
        scope.actor,
        ZCreateTaskInput.parse({
          projectId,
          title: input.title,
          description: input.description ?? "",
        }),
      );
      return { ok: true, result: `Created task ${task.reference}: ${task.title} (id ${task.id})` };
    },
  },
};

/** The agent's project, else the named one, else the only project the user can see; null when ambiguous. */
async function resolveProject(
  db: TenantDb,
  scope: ToolScope,
  key: string | undefined,
): Promise<string | null> {
  if (scope.agent.projectId) return scope.agent.projectId;
  const where = { ...visibleProjectsWhere(scope.actor), archivedAt: null };
  const found = await db.project.findMany({
    where: key ? { ...where, key: { equals: key, mode: "insensitive" } } : where,
    select: { id: true },
    take: 2,
  });
  return found.length === 1 && found[0] ? found[0].id : null;
}

/** Function names the model sees (dots are not allowed there). */
export const functionName = (tool: TAgentTool): string => tool.replace(".", "_");

export function toolByFunctionName(name: string): TAgentTool | null {
  return AGENT_TOOL_NAMES.find((t) => functionName(t) === name) ?? null;
}

export const isWriteTool = (tool: TAgentTool): boolean => AGENT_TOOLS[tool].write;

/** The definitions of the agent's enabled tools, for the model. */
export function toolDefinitions(enabled: readonly string[]): ChatToolDefinition[] {
  return AGENT_TOOL_NAMES.filter((tool) => enabled.includes(tool)).map((tool) => ({
    name: functionName(tool),
    ...SPECS[tool].definition,
  }));
}

/**
 * Runs one tool call in the caller's tenant transaction as the conversation's user. Refusals and failures are
 * answers the model reads (and audited), not errors: the conversation goes on.
 */
export async function runTool(
  db: TenantDb,
  scope: ToolScope,
  tool: TAgentTool,
  args: unknown,
): Promise<ToolOutcome> {
  const spec = SPECS[tool];
  const audit = (outcome: "ran" | "denied" | "failed", detail: string) =>
    recordAudit(db, scope.actor, {
      action: outcome === "denied" ? "assistant.tool.denied" : "assistant.tool.run",
      targetType: "agent",
      targetId: scope.agent.id,
      metadata: { tool, via: "agent", conversationId: scope.conversationId, outcome, detail },
    });
  if (spec.permission && !scope.actor.membership.permissions.has(spec.permission)) {
    const roleName = scope.actor.membership.customRole?.name ?? scope.actor.membership.role;
    const result = `Refused: your role (${roleName}) lacks the "${spec.permission}" permission.`;
    await audit("denied", result);
    return { ok: false, result };
  }
  try {
    const outcome = await spec.run(db, scope, args);
    await audit(outcome.ok ? "ran" : "failed", outcome.result.slice(0, 300));
    return outcome;
  } catch (error) {
    if (error instanceof z.ZodError) {
      const result = `Invalid arguments: ${error.issues.map((i) => i.message).join("; ")}`;
      await audit("failed", result);
      return { ok: false, result };
    }
    if (isDomainError(error)) {
      const result = `Failed: ${error.message}`;
      await audit("failed", result);
      return { ok: false, result };
    }
    throw error;
  }
}
