// Retrieval for a chat turn: the knowledge base's search (knowledge-search.ts) scoped to the agent's documents,
// in the shape the prompt and the citations use.
import type { TenantDb } from "@tenantry/db";

import { searchKnowledge } from "./knowledge-search.ts";

export interface Passage {
  chunkId: string;
  documentId: string;
  documentName: string;
  position: number;
  content: string;
  rank: number;
}

export function searchAgentPassages(
  db: TenantDb,
  organizationId: string,
  agentId: string,
  query: string,
  limit = 4,
): Promise<Passage[]> {
  return searchKnowledge(db, { organizationId, agentId, query, limit });
}
