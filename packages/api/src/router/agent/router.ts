// agent.* — agent configurations: every member lists and reads the active ones; agent.manage creates, edits,
// deactivates and reactivates them (and sees the deactivated ones).
import { z } from "zod";

import * as agents from "@tenantry/core/assistant/agents";
import {
  AGENT_TOOL_NAMES,
  AGENT_TOOLS,
  AGENT_TYPE_SUGGESTIONS,
  ZAgentCreateInput,
  ZAgentListInput,
  ZAgentOptionsOutput,
  ZAgentOutput,
  ZAgentRef,
  ZAgentUpdateInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

const use = permissionProcedure("organization.read");
const manage = permissionProcedure("agent.manage");

export const agentRouter = createTRPCRouter({
  /** What the editor offers: the tool registry and the suggested types (the type list itself is open). */
  options: use.output(ZAgentOptionsOutput).query(() => ({
    tools: AGENT_TOOL_NAMES.map((name) => ({ name, ...AGENT_TOOLS[name] })),
    types: [...AGENT_TYPE_SUGGESTIONS],
  })),
  /** Also the chat's agent picker: members get the active agents only. */
  list: use
    .input(ZAgentListInput)
    .output(z.array(ZAgentOutput))
    .query(({ ctx, input }) => agents.listAgents(ctx.db, ctx.actor, input)),
  get: use
    .input(ZAgentRef)
    .output(ZAgentOutput)
    .query(({ ctx, input }) => agents.getAgent(ctx.db, ctx.actor, input.id)),
  create: manage
    .input(ZAgentCreateInput)
    .output(ZAgentOutput)
    .mutation(({ ctx, input }) => agents.createAgent(ctx.db, ctx.actor, input)),
  update: manage
    .input(ZAgentUpdateInput)
    .output(ZAgentOutput)
    .mutation(({ ctx, input }) => agents.updateAgent(ctx.db, ctx.actor, input)),
  deactivate: manage
    .input(ZAgentRef)
    .output(ZAgentOutput)
    .mutation(({ ctx, input }) => agents.setAgentActive(ctx.db, ctx.actor, input.id, false)),
  reactivate: manage
    .input(ZAgentRef)
    .output(ZAgentOutput)
    .mutation(({ ctx, input }) => agents.setAgentActive(ctx.db, ctx.actor, input.id, true)),
});
