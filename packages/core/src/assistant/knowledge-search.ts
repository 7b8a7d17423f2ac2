// Retrieval over the knowledge base with PostgreSQL full-text search. A passage matches when it contains any of the
// query's words (stemmed, stop words dropped: a question in plain language still finds its passages); passages that
// also satisfy the query as a web search (all words, "quoted phrases", -excluded words) rank above the rest, then
// by ts_rank. Scoped to one organization's READY documents and, with an agent, to that agent's documents only.
// (Embeddings with pgvector would slot in here as a second ranking signal; see docs/assistants.md.)
import type { TenantDb } from "@tenantry/db";
import type { TKnowledgePassage } from "@tenantry/validators";
import { Prisma } from "@tenantry/db";

export interface SearchKnowledgeInput {
  organizationId: string;
  /** Only this agent's attached documents; null or absent: every document of the organization. */
  agentId?: string | null;
  query: string;
  /** At most this many passages (1-50). */
  limit: number;
}

/**
 * The best-matching passages, best first, each with its document and position. The caller has already checked
 * that the actor may read the organization (and, with agentId, that the agent is one it may use); the query runs
 * in the caller's tenant transaction, and filters by organization explicitly as well.
 */
export async function searchKnowledge(
  tx: TenantDb,
  input: SearchKnowledgeInput,
): Promise<TKnowledgePassage[]> {
  const query = input.query.trim().slice(0, 1000);
  if (!query) return [];
  const limit = Math.min(Math.max(Math.trunc(input.limit), 1), 50);
  const agentFilter = input.agentId
    ? Prisma.sql`AND EXISTS (
        SELECT 1 FROM agent_documents ad
        WHERE ad.organization_id = c.organization_id AND ad.document_id = c.document_id
          AND ad.agent_id = ${input.agentId}::uuid)`
    : Prisma.empty;
  const rows = await tx.$queryRaw<
    {
      chunkId: string;
      documentId: string;
      documentName: string;
      position: number;
      content: string;
      rank: number;
    }[]
  >`
    WITH q AS (
      SELECT websearch_to_tsquery('english', ${query}) AS strict,
             -- Any word of the query: its lexemes OR-ed, each quoted so no lexeme is read as an operator.
             (SELECT string_agg(quote_literal(replace(lexeme, E'\\\\', '')), ' | ')
                FROM unnest(tsvector_to_array(to_tsvector('english', ${query}))) AS lexeme)::tsquery AS loose
    )
    SELECT c.id AS "chunkId", c.document_id AS "documentId", d.name AS "documentName",
           c.position, c.content,
           (ts_rank(c.search_vector, q.loose) + CASE WHEN c.search_vector @@ q.strict THEN 1 ELSE 0 END)::float8
             AS rank
    FROM q, knowledge_chunks c
    JOIN knowledge_documents d ON d.organization_id = c.organization_id AND d.id = c.document_id
    WHERE c.organization_id = ${input.organizationId}::uuid
      AND d.status = 'READY'
      AND q.loose IS NOT NULL
      AND c.search_vector @@ q.loose
      ${agentFilter}
    ORDER BY rank DESC, c.document_id, c.position
    LIMIT ${limit}`;
  return rows.map((row) => ({ ...row, position: Number(row.position), rank: Number(row.rank) }));
}
