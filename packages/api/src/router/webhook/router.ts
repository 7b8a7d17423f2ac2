// webhook.* — an organization's webhook endpoints, their delivery log, redelivery and test events (webhook.manage).
import { z } from "zod";

import * as webhooks from "@tenantry/core/webhooks/endpoints";
import {
  EVENT_CATALOG,
  SUBSCRIBABLE_EVENT_TYPES,
  ZEventTypeOutput,
  ZWebhookDeliveryList,
  ZWebhookDeliveryOutput,
  ZWebhookDeliveryRef,
  ZWebhookEndpointCreate,
  ZWebhookEndpointOutput,
  ZWebhookEndpointRef,
  ZWebhookEndpointUpdate,
  ZWebhookEndpointWithSecretOutput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

const manage = permissionProcedure("webhook.manage");

export const webhookRouter = createTRPCRouter({
  eventTypes: manage.output(z.array(ZEventTypeOutput)).query(() =>
    SUBSCRIBABLE_EVENT_TYPES.map((type) => ({
      type,
      description: EVENT_CATALOG[type].description,
    })),
  ),
  list: manage
    .output(z.array(ZWebhookEndpointOutput))
    .query(({ ctx }) => webhooks.listEndpoints(ctx.db, ctx.actor)),
  create: manage
    .input(ZWebhookEndpointCreate)
    .output(ZWebhookEndpointWithSecretOutput)
    .mutation(({ ctx, input }) => webhooks.createEndpoint(ctx.db, ctx.actor, input)),
  update: manage
    .input(ZWebhookEndpointUpdate)
    .output(ZWebhookEndpointOutput)
    .mutation(({ ctx, input }) => webhooks.updateEndpoint(ctx.db, ctx.actor, input)),
  rotateSecret: manage
    .input(ZWebhookEndpointRef)
    .output(ZWebhookEndpointWithSecretOutput)
    .mutation(({ ctx, input }) => webhooks.rotateSecret(ctx.db, ctx.actor, input.endpointId)),
  delete: manage
    .input(ZWebhookEndpointRef)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => webhooks.deleteEndpoint(ctx.db, ctx.actor, input.endpointId)),
  deliveries: manage
    .input(ZWebhookDeliveryList)
    .output(z.array(ZWebhookDeliveryOutput))
    .query(({ ctx, input }) => webhooks.listDeliveries(ctx.db, ctx.actor, input)),
  redeliver: manage
    .input(ZWebhookDeliveryRef)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => webhooks.redeliver(ctx.db, ctx.actor, input)),
  sendTest: manage
    .input(ZWebhookEndpointRef)
    .output(z.object({ deliveryId: z.uuid() }))
    .mutation(({ ctx, input }) => webhooks.sendTestEvent(ctx.db, ctx.actor, input.endpointId)),
});
