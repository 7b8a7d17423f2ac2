"use client";

// Task analytics of the organization or one project: counters and bar charts by status and priority.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { BarChart3 } from "lucide-react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { TASK_PRIORITIES, TASK_STATUSES } from "@tenantry/validators";

import { PRIORITY_LABELS, STATUS_LABELS } from "~/components/tasks/constants";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { Skeleton } from "~/components/ui/skeleton";
import { useTRPC } from "~/trpc/react";
import { ANALYTICS_PROJECTS_LIMIT } from "./constants";

const ALL = "__all";

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

function Chart(props: { title: string; data: { name: string; count: number }[]; fill: string }) {
  const summary = props.data.map((d) => `${d.name}: ${d.count}`).join(", ");
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{props.title}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {props.data.every((d) => d.count === 0) ? (
          // Bare axes say nothing: an empty chart says why it is empty.
          <div className="flex h-64 flex-col items-center justify-center gap-1 rounded-lg border border-dashed text-center">
            <BarChart3 className="size-6 text-muted-foreground" aria-hidden="true" />
            <p className="text-sm font-medium">No tasks yet</p>
            <p className="text-sm text-muted-foreground">
              The chart fills in as tasks are created.
            </p>
          </div>
        ) : (
          <>
            {/* The chart is an image to screen readers; the same numbers as text. */}
            <figure aria-label={`${props.title}: ${summary}`} className="h-64">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={props.data} margin={{ left: -16, right: 8 }}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis
                    dataKey="name"
                    tickLine={false}
                    axisLine={false}
                    tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
                  />
                  <YAxis
                    allowDecimals={false}
                    tickLine={false}
                    axisLine={false}
                    tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
                  />
                  <Tooltip
                    cursor={{ fill: "var(--muted)" }}
                    contentStyle={{
                      background: "var(--popover)",
                      color: "var(--popover-foreground)",
                      border: "1px solid var(--border)",
                      borderRadius: 8,
                    }}
                  />
                  <Bar dataKey="count" name="Tasks" fill={props.fill} radius={[4, 4, 0, 0]} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <p className="sr-only">{summary}</p>
          </>
        )}
      </CardContent>
    </Card>
  );
}

export function TaskAnalytics() {
  const trpc = useTRPC();
  const [projectId, setProjectId] = useState<string>(ALL);
  const projects = useQuery(trpc.project.list.queryOptions({ limit: ANALYTICS_PROJECTS_LIMIT }));
  const { data, isPending } = useQuery(
    trpc.task.analytics.queryOptions({ projectId: projectId === ALL ? undefined : projectId }),
  );

  return (
    <div className="space-y-6">
      <div className="flex items-center gap-2">
        <Select value={projectId} onValueChange={setProjectId}>
          <SelectTrigger aria-label="Project" className="min-w-56">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All projects</SelectItem>
            {(projects.data?.items ?? []).map((p) => (
              <SelectItem key={p.id} value={p.id}>
                {p.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {isPending || !data ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-28 rounded-xl" />
          ))}
        </div>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Total tasks" value={String(data.total)} />
            <Stat label="Overdue" value={String(data.overdue)} />
            <Stat label="Completed this week" value={String(data.completedThisWeek)} />
            <Stat
              label="Average completion"
              value={
                data.averageCompletionHours === null
                  ? "—"
                  : `${data.averageCompletionHours.toFixed(1)} h`
              }
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Chart
              title="Tasks by status"
              fill="var(--chart-1)"
              data={TASK_STATUSES.map((s) => ({
                name: STATUS_LABELS[s],
                count: data.byStatus[s],
              }))}
            />
            <Chart
              title="Tasks by priority"
              fill="var(--chart-2)"
              data={TASK_PRIORITIES.map((p) => ({
                name: PRIORITY_LABELS[p],
                count: data.byPriority[p],
              }))}
            />
          </div>
        </>
      )}
    </div>
  );
}
