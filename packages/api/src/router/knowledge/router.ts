// knowledge.* — the knowledge base: every member lists, reads and searches documents (the sources agents cite);
// agent.manage uploads and deletes them. Processing (extract, chunk, index) runs as the knowledge.process job.
import { z } from "zod";

import { searchKnowledgeAs } from "@tenantry/core/assistant/knowledge";
import * as documents from "@tenantry/core/assistant/knowledge-documents";
import {
  ZKnowledgeDocumentOutput,
  ZKnowledgeDocumentRef,
  ZKnowledgePassageOutput,
  ZKnowledgeSearchInput,
  ZKnowledgeUploadInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

const use = permissionProcedure("organization.read");
const manage = permissionProcedure("agent.manage");

export const knowledgeRouter = createTRPCRouter({
  list: use
    .output(z.array(ZKnowledgeDocumentOutput))
    .query(({ ctx }) => documents.listKnowledgeDocuments(ctx.db, ctx.actor)),
  get: use
    .input(ZKnowledgeDocumentRef)
    .output(ZKnowledgeDocumentOutput)
    .query(({ ctx, input }) => documents.getKnowledgeDocument(ctx.db, ctx.actor, input.id)),
  search: use
    .input(ZKnowledgeSearchInput)
    .output(z.array(ZKnowledgePassageOutput))
    .query(({ ctx, input }) => searchKnowledgeAs(ctx.db, ctx.actor, input)),
  upload: manage
    .input(ZKnowledgeUploadInput)
    .output(ZKnowledgeDocumentOutput)
    .mutation(({ ctx, input }) => documents.uploadKnowledgeDocument(ctx.db, ctx.actor, input)),
  delete: manage
    .input(ZKnowledgeDocumentRef)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => documents.deleteKnowledgeDocument(ctx.db, ctx.actor, input.id)),
});
