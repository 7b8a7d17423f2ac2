"use client";

// Webhook endpoints: create (the signing secret is shown once), edit (URL, description, events, enabled),
// enable/disable, rotate the secret, send a test event, delete, and each endpoint's delivery log with redelivery. Everything here needs webhook.manage.
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Webhook } from "lucide-react";

import type { EventType } from "@tenantry/validators";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { DeliveryLog } from "./delivery-log";
import { EndpointForm } from "./endpoint-form";

export function WebhooksManager() {
  const manage = useCan("webhook.manage");
  // Said before the form is filled: the plan's (or the organization's) endpoint limit is reached.
  const createGate = useCan("webhook.manage", { limit: "webhookEndpoints" });
  const atLimit = createGate.reason?.kind === "plan-limit" ? createGate.reason : null;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: endpoints } = useSuspenseQuery(trpc.webhook.list.queryOptions());
  const { data: eventTypes } = useSuspenseQuery(trpc.webhook.eventTypes.queryOptions());
  const [createdCount, setCreatedCount] = useState(0);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.webhook.pathFilter()),
      queryClient.invalidateQueries(trpc.plan.usage.queryFilter()),
    ]);
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const create = useMutation(
    trpc.webhook.create.mutationOptions({
      onSuccess: async (result) => {
        setSecret(result.secret);
        setCreatedCount((n) => n + 1);
        toast.success("Endpoint created");
        await refresh();
      },
    }),
  );
  const update = useMutation(trpc.webhook.update.mutationOptions({ onSuccess: refresh, onError }));
  const edit = useMutation(
    trpc.webhook.update.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        toast.success("Endpoint saved");
        await refresh();
      },
    }),
  );
  const rotate = useMutation(
    trpc.webhook.rotateSecret.mutationOptions({
      onSuccess: async (result) => {
        setSecret(result.secret);
        toast.success("Secret rotated; the previous one keeps signing for 24 hours");
        await refresh();
      },
      onError,
    }),
  );
  const test = useMutation(
    trpc.webhook.sendTest.mutationOptions({
      onSuccess: async () => {
        toast.success("Test event queued");
        await refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.webhook.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Endpoint deleted");
        await refresh();
      },
      onError,
    }),
  );

  if (!manage.allowed) return <UnavailableNote reason={manage.reason} />;

  return (
    <div className="max-w-4xl space-y-6">
      {secret ? (
        <Card role="status" aria-label="Signing secret">
          <CardHeader>
            <CardTitle>
              <h2>Signing secret</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="space-y-2 text-sm">
            <p>Copy it now: it is not shown again.</p>
            <code data-testid="webhook-secret" className="block break-all rounded bg-muted p-2">
              {secret}
            </code>
            <Button variant="outline" size="sm" onClick={() => setSecret(null)}>
              Done
            </Button>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>New endpoint</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <EndpointForm
            // A fresh, empty form after each creation.
            key={createdCount}
            eventTypes={eventTypes}
            submitLabel="Create endpoint"
            pending={create.isPending}
            error={create.error}
            unavailable={atLimit}
            onSubmit={({ url, description, eventTypes: selected }) =>
              create.mutate({ url, description, eventTypes: selected })
            }
          />
        </CardContent>
      </Card>
      {endpoints.length === 0 ? (
        <EmptyState
          icon={Webhook}
          title="No endpoints yet"
          description="Add an endpoint above to receive events."
        />
      ) : (
        <ul aria-label="Webhook endpoints" className="divide-y rounded-lg border">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="space-y-2 px-4 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono break-all">{endpoint.url}</span>
                <Badge variant={endpoint.enabled ? "default" : "secondary"}>
                  {endpoint.enabled ? "Enabled" : "Disabled"}
                </Badge>
                {endpoint.disabledReason ? (
                  <span className="text-muted-foreground">{endpoint.disabledReason}</span>
                ) : null}
              </div>
              {endpoint.description ? <p>{endpoint.description}</p> : null}
              <p className="text-muted-foreground">{endpoint.eventTypes.join(", ")}</p>
              {editing === endpoint.id ? (
                <EndpointForm
                  eventTypes={eventTypes}
                  initial={{
                    url: endpoint.url,
                    description: endpoint.description,
                    eventTypes: endpoint.eventTypes as EventType[],
                    enabled: endpoint.enabled,
                  }}
                  withEnabled
                  submitLabel="Save endpoint"
                  pending={edit.isPending}
                  error={edit.error}
                  onCancel={() => setEditing(null)}
                  onSubmit={(fields) => edit.mutate({ endpointId: endpoint.id, ...fields })}
                />
              ) : null}
              <div className="flex flex-wrap gap-2">
                <Button
                  size="sm"
                  variant="outline"
                  aria-expanded={editing === endpoint.id}
                  onClick={() => {
                    edit.reset();
                    setEditing(editing === endpoint.id ? null : endpoint.id);
                  }}
                >
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() =>
                    update.mutate({ endpointId: endpoint.id, enabled: !endpoint.enabled })
                  }
                >
                  {endpoint.enabled ? "Disable" : "Enable"}
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => test.mutate({ endpointId: endpoint.id })}
                >
                  Send test event
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => rotate.mutate({ endpointId: endpoint.id })}
                >
                  Rotate secret
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}
                >
                  {open === endpoint.id ? "Hide deliveries" : "Deliveries"}
                </Button>
                <ConfirmDialog
                  title="Delete this endpoint?"
                  description="Its delivery log is deleted with it."
                  confirmLabel="Delete endpoint"
                  onConfirm={() => remove.mutateAsync({ endpointId: endpoint.id })}
                  trigger={
                    <Button size="sm" variant="destructive">
                      Delete
                    </Button>
                  }
                />
              </div>
              {open === endpoint.id ? <DeliveryLog endpointId={endpoint.id} /> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
