import type { Metadata } from "next";

import { QUOTA_LABELS, USAGE_METRIC_LABELS } from "@tenantry/validators";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { millis, percent, RangePicker, usageRange } from "~/components/usage/range";
import { RequestsBy, RequestsPerDay } from "~/components/usage/usage-charts";
import { callerFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../_components/no-access";

export const metadata: Metadata = { title: "Usage" };

function Stat(props: { label: string; value: string }) {
  return (
    <Card>
      <CardHeader>
        <CardDescription>{props.label}</CardDescription>
        <CardTitle className="text-3xl tabular-nums">{props.value}</CardTitle>
      </CardHeader>
    </Card>
  );
}

const amount = (n: number | null) => (n === null ? "Unlimited" : n.toLocaleString("en-US"));

/** API usage of the organization (requests, errors, latency, keys) and its billable counters against the plan. */
export default async function UsagePage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
}) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  if (!current.permissions.includes("usage.read")) {
    return <NoAccess title="Usage" permission="usage.read" roleName={roleNameOf(current)} />;
  }
  const range = usageRange(await props.searchParams);
  const usage = await (await callerFor(slug)).usage.summary({ from: range.from, to: range.to });
  return (
    <>
      <PageHeader
        title="Usage"
        description="Every authenticated API request (dashboard, access tokens, API keys, REST and the CLI), and the billable counters."
      />
      <div className="space-y-6">
        <RangePicker from={range.from} to={range.to} error={range.error} />
        <div className="grid gap-4 sm:grid-cols-3">
          <Stat label="Requests" value={usage.totals.requests.toLocaleString("en-US")} />
          <Stat label="Error rate" value={percent(usage.totals.errorRate)} />
          <Stat label="p95 latency" value={millis(usage.totals.p95Ms)} />
        </div>
        <RequestsPerDay days={usage.days} />
        <RequestsBy
          title="Requests by procedure or route"
          rows={usage.procedures.map((p) => ({ name: p.procedure, requests: p.requests }))}
        />
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Procedures and routes</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Procedure or route</TableHead>
                  <TableHead className="text-right">Requests</TableHead>
                  <TableHead className="text-right">Error rate</TableHead>
                  <TableHead className="text-right">p95 latency</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {usage.procedures.map((p) => (
                  <TableRow key={p.procedure}>
                    <TableCell className="font-mono text-xs">{p.procedure}</TableCell>
                    <TableCell className="text-right tabular-nums">{p.requests}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {percent(p.errorRate)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{millis(p.p95Ms)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Top API keys</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              {usage.apiKeys.length === 0 ? (
                <p className="text-sm text-muted-foreground">No API key was used in this range.</p>
              ) : (
                <Table>
                  <TableBody>
                    {usage.apiKeys.map((k) => (
                      <TableRow key={k.apiKeyId}>
                        <TableCell>{k.name ?? "(deleted key)"}</TableCell>
                        <TableCell className="text-right tabular-nums">{k.requests}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Billable counters</h2>
              </CardTitle>
              <CardDescription>
                In the range, and the running total against the plan.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <Table>
                <TableBody>
                  {usage.quotas.map((q) => (
                    <TableRow key={q.quota}>
                      <TableCell>{QUOTA_LABELS[q.quota]} (this month)</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {q.used.toLocaleString("en-US")} / {amount(q.limit)}
                      </TableCell>
                    </TableRow>
                  ))}
                  {usage.billable.map((b) => (
                    <TableRow key={b.metric}>
                      <TableCell>{USAGE_METRIC_LABELS[b.metric]}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {b.metric === "storage_bytes" || b.metric === "seats"
                          ? `${b.balance.toLocaleString("en-US")} / ${amount(b.limit)}`
                          : `${b.inRange.toLocaleString("en-US")} in range`}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
