// Agent configurations: holders of agent.manage create, edit, deactivate and reactivate them (every change audited);
// every member lists and uses the active ones. Agents are never deleted: conversations keep pointing at them.
import type { TenantDb } from "@tenantry/db";
import type { TAgentCreateParsed, TAgentOutput, TAgentUpdateParsed } from "@tenantry/validators";
import { Prisma } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { diffFields } from "../audit/audit-redact.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, InvalidError, NotFoundError } from "../errors.ts";
import { getProject } from "../work/project.ts";

const agentSelect = {
  id: true,
  organizationId: true,
  projectId: true,
  name: true,
  type: true,
  model: true,
  temperature: true,
  maxTokens: true,
  systemPrompt: true,
  enabledTools: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
  documents: {
    orderBy: { createdAt: "asc" },
    select: { document: { select: { id: true, name: true, status: true } } },
  },
} satisfies Prisma.AgentSelect;

type AgentRow = Prisma.AgentGetPayload<{ select: typeof agentSelect }>;

const toOutput = ({ documents, ...row }: AgentRow): TAgentOutput => ({
  ...row,
  documents: documents.map((d) => d.document),
});

const notFound = () => new NotFoundError("Agent not found");
const canManage = (actor: MemberActor) => actor.membership.permissions.has("agent.manage");

const duplicateName = (name: string) =>
  new ConflictError(`An agent named "${name}" already exists`);
const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** Active agents for everyone; with includeInactive, managers also see the deactivated ones. */
export async function listAgents(
  db: TenantDb,
  actor: MemberActor,
  input: { includeInactive: boolean },
): Promise<TAgentOutput[]> {
  const showInactive = input.includeInactive && canManage(actor);
  const rows = await db.agent.findMany({
    where: { organizationId: actor.organizationId, ...(showInactive ? {} : { active: true }) },
    orderBy: [{ active: "desc" }, { name: "asc" }],
    take: 500,
    select: agentSelect,
  });
  return rows.map(toOutput);
}

/**
 * An agent of the actor's organization, or NOT_FOUND (another tenant's id included). A deactivated agent exists
 * only for managers: to members it is as absent as a foreign one, so nobody can keep using it.
 */
export async function getAgent(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TAgentOutput> {
  const row = await db.agent.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: agentSelect,
  });
  if (!row || (!row.active && !canManage(actor))) throw notFound();
  return toOutput(row);
}

/** The agent a member may talk to now: exists in the organization and is active. */
export async function getActiveAgent(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TAgentOutput> {
  const agent = await getAgent(db, actor, id);
  if (!agent.active) throw new InvalidError("This agent is deactivated", { field: "agentId" });
  return agent;
}

/** Every id must name a knowledge document of the organization; a foreign id reads as missing. */
async function assertDocuments(db: TenantDb, actor: MemberActor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.knowledgeDocument.count({
    where: { organizationId: actor.organizationId, id: { in: ids } },
  });
  if (found !== ids.length) {
    throw new InvalidError("One of the chosen documents does not exist", { field: "documentIds" });
  }
}

/**
 * The agent's project must be one the actor can see in the organization (the visibility rule of every project
 * read): another tenant's, a deleted one or a members-only project the actor is not in are all NOT_FOUND.
 */
async function assertProject(db: TenantDb, actor: MemberActor, projectId: string | null) {
  if (projectId === null) return;
  await getProject(db, actor, projectId);
}

export async function createAgent(
  db: TenantDb,
  actor: MemberActor,
  input: TAgentCreateParsed,
): Promise<TAgentOutput> {
  await assertProject(db, actor, input.projectId);
  await assertDocuments(db, actor, input.documentIds);
  const organizationId = actor.organizationId;
  const created = await db.agent
    .create({
      data: {
        organizationId,
        projectId: input.projectId,
        name: input.name,
        type: input.type,
        model: input.model,
        temperature: input.temperature,
        maxTokens: input.maxTokens,
        systemPrompt: input.systemPrompt,
        enabledTools: input.enabledTools,
        createdById: actor.userId,
        documents: {
          create: input.documentIds.map((documentId) => ({ documentId })),
        },
      },
      select: agentSelect,
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateName(input.name) : error;
    });
  await recordAudit(db, actor, {
    action: "agent.create",
    targetType: "agent",
    targetId: created.id,
    metadata: {
      name: created.name,
      type: created.type,
      model: created.model,
      enabledTools: created.enabledTools,
      documentIds: input.documentIds,
    },
  });
  return toOutput(created);
}

export async function updateAgent(
  db: TenantDb,
  actor: MemberActor,
  input: TAgentUpdateParsed,
): Promise<TAgentOutput> {
  const organizationId = actor.organizationId;
  const before = await getAgent(db, actor, input.id);
  if (input.projectId !== undefined) await assertProject(db, actor, input.projectId);
  if (input.documentIds) await assertDocuments(db, actor, input.documentIds);
  await db.agent
    .update({
      where: { organizationId_id: { organizationId, id: input.id } },
      data: {
        name: input.name,
        type: input.type,
        projectId: input.projectId,
        model: input.model,
        temperature: input.temperature,
        maxTokens: input.maxTokens,
        systemPrompt: input.systemPrompt,
        enabledTools: input.enabledTools,
      },
      select: { id: true },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) && input.name ? duplicateName(input.name) : error;
    });
  if (input.documentIds) {
    await db.agentDocument.deleteMany({ where: { organizationId, agentId: input.id } });
    await db.agentDocument.createMany({
      data: input.documentIds.map((documentId) => ({
        organizationId,
        agentId: input.id,
        documentId,
      })),
    });
  }
  const after = await getAgent(db, actor, input.id);
  const changes = diffFields(
    { ...before, documentIds: before.documents.map((d) => d.id).sort() },
    {
      name: after.name,
      type: after.type,
      projectId: after.projectId,
      model: after.model,
      temperature: after.temperature,
      maxTokens: after.maxTokens,
      systemPrompt: after.systemPrompt,
      enabledTools: after.enabledTools,
      documentIds: after.documents.map((d) => d.id).sort(),
    },
  );
  await recordAudit(db, actor, {
    action: "agent.update",
    targetType: "agent",
    targetId: input.id,
    metadata: { name: after.name },
    changes,
  });
  return after;
}

/** Deactivate (members can no longer use it) or reactivate an agent; a no-op change is not audited. */
export async function setAgentActive(
  db: TenantDb,
  actor: MemberActor,
  id: string,
  active: boolean,
): Promise<TAgentOutput> {
  const before = await getAgent(db, actor, id);
  if (before.active === active) return before;
  await db.agent.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    data: { active },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: active ? "agent.reactivate" : "agent.deactivate",
    targetType: "agent",
    targetId: id,
    metadata: { name: before.name },
  });
  return getAgent(db, actor, id);
}
