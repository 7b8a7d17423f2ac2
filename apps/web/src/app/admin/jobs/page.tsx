import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getAuthSession } from "@tenantry/auth/next";
import { ZJobState } from "@tenantry/validators";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { callerFor } from "~/trpc/server";
import { getAdminDates } from "../_components/admin-dates";
import { retryJobAction } from "./actions";

export const metadata: Metadata = { title: "Jobs · Platform admin" };

const STATES = ZJobState.options;

/** The job queue: queued, retrying, running, failed (with the error) and dead-lettered jobs; retry now. */
export default async function JobsPage(props: { searchParams: Promise<{ state?: string }> }) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const dates = await getAdminDates();
  const params = await props.searchParams;
  const state = ZJobState.safeParse(params.state);
  const jobs = await (
    await callerFor(null)
  ).admin.jobs.list({ state: state.success ? state.data : undefined, limit: 100 });
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeader
        title="Jobs"
        description="The background queue: webhook deliveries, mail, maintenance."
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">Back to the console</Link>
          </Button>
        }
      />
      <nav aria-label="Job states" className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href="/admin/jobs">All</Link>
        {STATES.map((s) => (
          <Link key={s} href={`/admin/jobs?state=${s}`}>
            {s}
          </Link>
        ))}
      </nav>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th>Queue</th>
            <th>State</th>
            <th>Organization</th>
            <th>Retries</th>
            <th>Created</th>
            <th>Error</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={`${job.queue}:${job.id}`} className="border-t align-top">
              <td className="font-mono">{job.queue}</td>
              <td>
                <Badge variant={job.state === "failed" ? "destructive" : "secondary"}>
                  {job.state}
                </Badge>
              </td>
              <td className="font-mono text-xs">{job.organizationId ?? "—"}</td>
              <td>
                {job.retryCount}/{job.retryLimit}
              </td>
              <td>{dates.formatDateTime(job.createdOn)}</td>
              <td className="max-w-xs break-words text-xs">{job.error ?? ""}</td>
              <td>
                {["failed", "retry", "created"].includes(job.state) ? (
                  <form action={retryJobAction}>
                    <input type="hidden" name="queue" value={job.queue} />
                    <input type="hidden" name="jobId" value={job.id} />
                    <Button size="sm" variant="outline" type="submit">
                      Retry now
                    </Button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
