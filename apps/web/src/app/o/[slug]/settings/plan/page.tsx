import type { Metadata } from "next";

import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import { can } from "~/lib/access/can";
import { plural } from "~/lib/utils";
import { callerFor, getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization } from "../_components/no-access";
import { LicenseSeats } from "./license-seats";
import { PlanComparison } from "./plan-comparison";

export const metadata: Metadata = { title: "Plan & usage" };

const limitText = (n: number | null) => (n === null ? "Unlimited" : n.toLocaleString());

function Meter(props: { label: string; used: number; limit: number | null; note?: string }) {
  const pct = props.limit ? Math.min(100, Math.round((props.used / props.limit) * 100)) : 0;
  return (
    <div className="grid gap-1.5">
      <div className="flex justify-between text-sm">
        <span className="font-medium">{props.label}</span>
        <span>
          {props.used} / {limitText(props.limit)}
        </span>
      </div>
      {props.limit !== null ? (
        <div
          role="meter"
          aria-label={props.label}
          aria-valuemin={0}
          aria-valuemax={props.limit}
          aria-valuenow={props.used}
          className="h-2 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary" style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      {props.note ? <p className="text-xs text-muted-foreground">{props.note}</p> : null}
    </div>
  );
}

/** Plan limits against current usage, and the organization's licenses with their seats. */
export default async function PlanPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const caller = await callerFor(slug);
  const current = await currentOrganization(slug);
  const canManage = can(current, "license.manage").allowed;
  const canListMembers = current.permissions.includes("member.read");
  const [{ plan, limits, usage }] = await Promise.all([
    caller.plan.usage(),
    getQueryClient().prefetchQuery(trpcFor(slug).license.list.queryOptions()),
    getQueryClient().prefetchQuery(trpcFor(slug).plan.options.queryOptions()),
    canManage && canListMembers
      ? getQueryClient().prefetchQuery(trpcFor(slug).member.list.queryOptions({ limit: 100 }))
      : null,
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Plan & usage" description={`This organization is on the ${plan} plan.`} />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Usage against limits</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid max-w-xl gap-5">
          <Meter
            label="Members"
            used={usage.members + usage.pendingInvitations}
            limit={limits.maxMembers}
            note={`${plural(usage.members, "member")} and ${plural(usage.pendingInvitations, "pending invitation")}`}
          />
          <Meter label="Projects" used={usage.projects} limit={limits.maxProjects} />
          <Meter label="API keys" used={usage.apiKeys} limit={limits.maxApiKeys} />
          <Meter
            label="Webhook endpoints"
            used={usage.webhookEndpoints}
            limit={limits.maxWebhookEndpoints}
          />
          {usage.apiRequestsThisMonth === null ? (
            <p className="text-sm">
              <span className="font-medium">API requests this month:</span>{" "}
              <span className="text-muted-foreground">
                unknown (the usage counter is unavailable)
              </span>
            </p>
          ) : (
            <Meter
              label="API requests this month"
              used={usage.apiRequestsThisMonth}
              limit={limits.apiRequestsPerMonth}
              note="Requests of API clients (access tokens), counted per calendar month (UTC); the dashboard is not counted."
            />
          )}
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="text-muted-foreground">API rate limit per minute (per key or user)</dt>
            <dd>{limits.rateLimitPerMinute.toLocaleString()}</dd>
            <dt className="text-muted-foreground">Audit log retention</dt>
            <dd>{limits.auditRetentionDays} days</dd>
          </dl>
        </CardContent>
      </Card>
      <Card className="mt-8">
        <CardHeader>
          <CardTitle>
            <h2>Plans</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <PlanComparison />
        </CardContent>
      </Card>
      <Card className="mt-8">
        <CardHeader>
          <CardTitle>
            <h2>Licenses</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <LicenseSeats canListMembers={canListMembers} />
        </CardContent>
      </Card>
    </HydrateClient>
  );
}
