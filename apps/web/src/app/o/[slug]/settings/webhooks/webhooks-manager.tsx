"use client";

// Webhook endpoints: create (the signing secret is shown once), enable/disable, rotate the secret, send a test
// event, delete, and each endpoint's delivery log with redelivery. Everything here needs webhook.manage.
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
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { DeliveryLog } from "./delivery-log";

export function WebhooksManager() {
  const manage = useCan("webhook.manage");
  // Said before the form is filled: the plan's (or the organization's) endpoint limit is reached.
  const createGate = useCan("webhook.manage", { limit: "webhookEndpoints" });
  const atLimit = createGate.reason?.kind === "plan-limit" ? createGate.reason : null;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: endpoints } = useSuspenseQuery(trpc.webhook.list.queryOptions());
  const { data: eventTypes } = useSuspenseQuery(trpc.webhook.eventTypes.queryOptions());
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [selected, setSelected] = useState<EventType[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

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
        setUrl("");
        setDescription("");
        setSelected([]);
        toast.success("Endpoint created");
        await refresh();
      },
    }),
  );
  const update = useMutation(trpc.webhook.update.mutationOptions({ onSuccess: refresh, onError }));
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
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({
                url,
                description,
                eventTypes: selected,
              });
            }}
          >
            <div className="space-y-1">
              <Label htmlFor="webhook-url">URL</Label>
              <Input
                id="webhook-url"
                type="url"
                required
                value={url}
                placeholder="https://example.com/webhooks"
                onChange={(e) => setUrl(e.target.value)}
              />
            </div>
            <div className="space-y-1">
              <Label htmlFor="webhook-description">Description</Label>
              <Input
                id="webhook-description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </div>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Events</legend>
              <div className="grid gap-1 sm:grid-cols-2">
                {eventTypes.map((t) => (
                  <label key={t.type} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={selected.includes(t.type as EventType)}
                      onChange={(e) =>
                        setSelected((s) =>
                          e.target.checked
                            ? [...s, t.type as EventType]
                            : s.filter((x) => x !== t.type),
                        )
                      }
                    />
                    <span className="font-mono">{t.type}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {create.error ? (
              <p role="alert" className="text-sm text-destructive">
                {errorMessage(create.error)}
              </p>
            ) : null}
            <UnavailableNote reason={atLimit} />
            <Button
              type="submit"
              disabled={create.isPending || selected.length === 0 || atLimit !== null}
            >
              Create endpoint
            </Button>
          </form>
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
              <div className="flex flex-wrap gap-2">
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
