// Knowledge search as a member calls it: through an agent they may use (active, of their organization) or across
// the whole organization's knowledge base.
import type { TenantDb } from "@tenantry/db";
import type { TKnowledgePassage } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { getActiveAgent } from "./agents.ts";
import { searchKnowledge } from "./knowledge-search.ts";

export async function searchKnowledgeAs(
  db: TenantDb,
  actor: MemberActor,
  input: { query: string; agentId: string | null; limit: number },
): Promise<TKnowledgePassage[]> {
  if (input.agentId) await getActiveAgent(db, actor, input.agentId);
  return searchKnowledge(db, {
    organizationId: actor.organizationId,
    agentId: input.agentId,
    query: input.query,
    limit: input.limit,
  });
}
