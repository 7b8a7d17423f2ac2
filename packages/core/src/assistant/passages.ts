// Retrieval for a chat turn: the passages of the agent's READY documents that best match the question, by
// PostgreSQL full-text search. Any word of the question may match (the words are OR-ed: a question is not a
// conjunction), ranked by cover density; scoped by organization and the agent's attached documents.
import type { TenantDb } from "@tenantry/db";

export interface Passage {
  chunkId: string;
  documentId: string;
  documentName: string;
  position: number;
  content: string;
  rank: number;
}

export async function searchAgentPassages(
  db: TenantDb,
  organizationId: string,
  agentId: string,
  query: string,
  limit = 4,
): Promise<Passage[]> {
  const rows = await db.$queryRaw<
    {
      chunk_id: string;
      document_id: string;
      document_name: string;
      position: number;
      content: string;
      rank: number;
    }[]
  >`
    WITH q AS (
      SELECT NULLIF(replace(plainto_tsquery('english', ${query.slice(0, 2_000)})::text, ' & ', ' | '), '')::tsquery AS tsq
    )
    SELECT c.id AS chunk_id, d.id AS document_id, d.name AS document_name, c.position, c.content,
           ts_rank_cd(c.search_vector, q.tsq)::float8 AS rank
    FROM q, knowledge_chunks c
    JOIN knowledge_documents d ON d.organization_id = c.organization_id AND d.id = c.document_id
    JOIN agent_documents ad ON ad.organization_id = d.organization_id AND ad.document_id = d.id
    WHERE c.organization_id = ${organizationId}::uuid AND ad.agent_id = ${agentId}::uuid
      AND d.status = 'READY' AND q.tsq IS NOT NULL AND c.search_vector @@ q.tsq
    ORDER BY rank DESC, d.id, c.position
    LIMIT ${limit}`;
  return rows.map((r) => ({
    chunkId: r.chunk_id,
    documentId: r.document_id,
    documentName: r.document_name,
    position: r.position,
    content: r.content,
    rank: r.rank,
  }));
}
