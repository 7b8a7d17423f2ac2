"use client";

// One endpoint's delivery log: each event sent, every attempt with its request and the answer (status, first
// 2 KB, duration), and redelivery.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { errorMessage } from "~/components/forms/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { toast } from "~/components/ui/sonner";
import { useTRPC } from "~/trpc/react";

export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Polls while open: deliveries are made by the worker, after the page asked for them.
  const deliveries = useQuery({
    ...trpc.webhook.deliveries.queryOptions({ endpointId, limit: 50 }),
    refetchInterval: 2000,
  });
  const redeliver = useMutation(
    trpc.webhook.redeliver.mutationOptions({
      onSuccess: async () => {
        toast.success("Redelivery queued");
        await queryClient.invalidateQueries(trpc.webhook.deliveries.pathFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  if (deliveries.isPending) return <p className="text-muted-foreground">Loading deliveries…</p>;
  if (deliveries.isError) return <p role="alert">{errorMessage(deliveries.error)}</p>;
  if (deliveries.data.length === 0) {
    return <p className="text-muted-foreground">No deliveries yet.</p>;
  }
  return (
    <ul aria-label="Deliveries" className="space-y-2">
      {deliveries.data.map((d) => (
        <li key={d.id} className="rounded border p-2" data-testid="webhook-delivery">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{d.eventType}</span>
            <Badge variant={d.status === "SUCCEEDED" ? "default" : "secondary"}>{d.status}</Badge>
            <span className="text-muted-foreground">
              {d.attemptCount} attempt{d.attemptCount === 1 ? "" : "s"}
            </span>
            <Button
              size="sm"
              variant="outline"
              onClick={() => redeliver.mutate({ endpointId, deliveryId: d.id })}
            >
              Redeliver
            </Button>
          </div>
          {d.attempts.map((a) => (
            <details key={a.id} className="mt-1">
              <summary>
                Attempt {a.attempt}: {a.responseStatus ?? a.error ?? "no answer"} ({a.durationMs}{" "}
                ms)
              </summary>
              <pre className="overflow-x-auto text-xs whitespace-pre-wrap">
                {JSON.stringify(a.requestHeaders, null, 2)}
                {"\n"}
                {a.requestBody}
              </pre>
              {a.responseBody ? (
                <pre className="overflow-x-auto text-xs whitespace-pre-wrap">{a.responseBody}</pre>
              ) : null}
            </details>
          ))}
        </li>
      ))}
    </ul>
  );
}
