"use client";

// The plans side by side, with this organization's overrides applied, and the move to another one: a downgrade is
// offered only when the organization fits (else it says what to remove first); an upgrade is immediate when
// self-service upgrades are on, else a request the platform admins answer. Holders of billing.manage act.
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";

import type { RouterOutputs } from "@tenantry/api";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { toast } from "~/components/ui/sonner";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

type Options = RouterOutputs["plan"]["options"];
type PlanRow = Options["plans"][number];
type Limits = PlanRow["limits"];

const amount = (n: number | null) => (n === null ? "Unlimited" : n.toLocaleString("en-US"));

const ROWS: { label: string; value: (l: Limits) => string }[] = [
  { label: "Members", value: (l) => amount(l.maxMembers) },
  { label: "Projects", value: (l) => amount(l.maxProjects) },
  { label: "API keys", value: (l) => amount(l.maxApiKeys) },
  { label: "Webhook endpoints", value: (l) => amount(l.maxWebhookEndpoints) },
  { label: "API requests per month", value: (l) => amount(l.apiRequestsPerMonth) },
  {
    label: "API requests per minute (per key or user)",
    value: (l) => amount(l.rateLimitPerMinute),
  },
  {
    label: "Audit log retention",
    value: (l) => `${l.auditRetentionDays.toLocaleString("en-US")} days`,
  },
];

/** "3 members and 2 projects". */
function excessText(excess: PlanRow["excess"]): string {
  const parts = excess.map((e) => `${e.count} ${e.noun}`);
  return parts.length <= 1
    ? parts.join("")
    : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}

export function PlanComparison() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const billing = useCan("billing.manage");
  const { data } = useSuspenseQuery(trpc.plan.options.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.plan.pathFilter());
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const change = useMutation(
    trpc.plan.change.mutationOptions({
      onSuccess: async (result) => {
        toast.success(`This organization is now on the ${result.current} plan`);
        await refresh();
      },
      onError,
    }),
  );
  const request = useMutation(
    trpc.plan.request.create.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          `Request for the ${result.toPlan} plan sent to the platform's administrators`,
        );
        await refresh();
      },
      onError,
    }),
  );
  const cancel = useMutation(
    trpc.plan.request.cancel.mutationOptions({ onSuccess: refresh, onError }),
  );
  const pending = data.pendingRequest;

  function action(row: PlanRow) {
    if (row.direction === "current") return <Badge>Current plan</Badge>;
    if (!billing.allowed) return null;
    if (row.excess.length > 0) {
      return (
        <div className="space-y-1">
          <Button variant="outline" size="sm" disabled>
            Move to {row.plan}
          </Button>
          <p role="note" className="text-xs text-muted-foreground">
            To move to {row.plan}, remove {excessText(row.excess)} first.
          </p>
        </div>
      );
    }
    if (row.direction === "downgrade" || data.selfServiceUpgrades) {
      return (
        <Button
          variant={row.direction === "upgrade" ? "default" : "outline"}
          size="sm"
          pending={change.isPending && change.variables.plan === row.plan}
          onClick={() => change.mutate({ plan: row.plan })}
        >
          {row.direction === "upgrade" ? `Upgrade to ${row.plan}` : `Move to ${row.plan}`}
        </Button>
      );
    }
    if (pending?.toPlan === row.plan) return <Badge variant="outline">Requested</Badge>;
    return (
      <Button
        size="sm"
        disabled={pending !== null}
        pending={request.isPending && request.variables.plan === row.plan}
        onClick={() => request.mutate({ plan: row.plan, message: "" })}
      >
        Upgrade to {row.plan}
      </Button>
    );
  }

  return (
    <div className="space-y-4">
      <UnavailableNote reason={billing.reason} />
      {!data.selfServiceUpgrades && billing.allowed ? (
        <p className="text-sm text-muted-foreground">
          Upgrades are approved by the platform&apos;s administrators: “Upgrade” sends them a
          request, and you are notified of their answer.
        </p>
      ) : null}
      {pending ? (
        <div role="status" className="flex flex-wrap items-center gap-3 text-sm">
          <span>Your request to move to the {pending.toPlan} plan is waiting for an answer.</span>
          {billing.allowed ? (
            <Button
              variant="ghost"
              size="sm"
              pending={cancel.isPending}
              onClick={() => cancel.mutate({ id: pending.id })}
            >
              Cancel request
            </Button>
          ) : null}
        </div>
      ) : null}
      <Table aria-label="Plans">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Limit</TableHead>
            {data.plans.map((p) => (
              <TableHead key={p.plan} scope="col">
                {p.plan}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {ROWS.map((row) => (
            <TableRow key={row.label}>
              <TableHead scope="row" className="font-normal text-muted-foreground">
                {row.label}
              </TableHead>
              {data.plans.map((p) => (
                <TableCell key={p.plan}>{row.value(p.limits)}</TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableHead scope="row" className="sr-only">
              Change
            </TableHead>
            {data.plans.map((p) => (
              <TableCell key={p.plan} className="align-top">
                {action(p)}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
      {data.overrides.length > 0 ? (
        <p className="text-xs text-muted-foreground">
          Some limits are set for this organization by the platform&apos;s administrators and apply
          on every plan: {data.overrides.map((o) => o.limit).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
