import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";

import { Button } from "~/components/ui/button";
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
import { getAuthSession } from "~/server/auth-session";
import { callerFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Usage · Platform admin" };

/** API usage across every organization, from the daily rollup (a few minutes behind). */
export default async function AdminUsagePage(props: {
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
}) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const range = usageRange(await props.searchParams);
  const usage = await (
    await callerFor(null)
  ).admin
    .usage({ from: range.from, to: range.to })
    .catch((e: unknown) => {
      if (isTRPCError(e) && e.code === "FORBIDDEN") notFound();
      throw e;
    });
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <PageHeader
        title="Usage"
        description="API requests of all organizations, rolled up every five minutes."
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">Back to the console</Link>
          </Button>
        }
      />
      <RangePicker from={range.from} to={range.to} error={range.error} />
      <RequestsPerDay days={usage.days} />
      <RequestsBy
        title="Requests by organization"
        rows={usage.organizations.map((o) => ({ name: o.name, requests: o.requests }))}
      />
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Organization</TableHead>
            <TableHead className="text-right">Requests</TableHead>
            <TableHead className="text-right">Error rate</TableHead>
            <TableHead className="text-right">p95 latency</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {usage.organizations.map((o) => (
            <TableRow key={o.organizationId}>
              <TableCell>
                {o.name} <span className="text-muted-foreground">/{o.slug}</span>
              </TableCell>
              <TableCell className="text-right tabular-nums">{o.requests}</TableCell>
              <TableCell className="text-right tabular-nums">{percent(o.errorRate)}</TableCell>
              <TableCell className="text-right tabular-nums">{millis(o.p95Ms)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
