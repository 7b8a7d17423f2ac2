"use client";

// API usage charts (Recharts): requests per day split by outcome, and requests by procedure or route. Colors come
// from the theme's variables, so both themes stay readable.
import { BarChart3 } from "lucide-react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";

const AXIS_TICK = { fill: "var(--muted-foreground)", fontSize: 12 };
const TOOLTIP_STYLE = {
  background: "var(--popover)",
  color: "var(--popover-foreground)",
  border: "1px solid var(--border)",
  borderRadius: 8,
};

export interface UsageDay {
  day: string;
  requests: number;
  clientErrors: number;
  serverErrors: number;
}

function Empty() {
  return (
    <div className="flex h-64 flex-col items-center justify-center gap-1 rounded-lg border border-dashed text-center">
      <BarChart3 className="size-6 text-muted-foreground" aria-hidden="true" />
      <p className="text-sm font-medium">No API requests in this range</p>
      <p className="text-sm text-muted-foreground">Requests appear here within a few seconds.</p>
    </div>
  );
}

/** Requests per day, stacked: succeeded, client errors (4xx), server errors (5xx). */
export function RequestsPerDay(props: { days: UsageDay[] }) {
  const data = props.days.map((d) => ({
    day: d.day.slice(5),
    ok: d.requests - d.clientErrors - d.serverErrors,
    client: d.clientErrors,
    server: d.serverErrors,
  }));
  const total = props.days.reduce((n, d) => n + d.requests, 0);
  const summary = props.days.map((d) => `${d.day}: ${d.requests}`).join(", ");
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Requests per day</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {total === 0 ? (
          <Empty />
        ) : (
          <>
            <figure aria-label={`Requests per day: ${summary}`} className="h-64">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} margin={{ left: -8, right: 8 }}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis dataKey="day" tickLine={false} axisLine={false} tick={AXIS_TICK} />
                  <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={AXIS_TICK} />
                  <Tooltip cursor={{ fill: "var(--muted)" }} contentStyle={TOOLTIP_STYLE} />
                  <Bar dataKey="ok" name="Succeeded" stackId="r" fill="var(--chart-1)" />
                  <Bar dataKey="client" name="Client errors" stackId="r" fill="var(--chart-4)" />
                  <Bar
                    dataKey="server"
                    name="Server errors"
                    stackId="r"
                    fill="var(--destructive)"
                    radius={[4, 4, 0, 0]}
                  />
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

/** Horizontal bars of requests by procedure or route (or organization, for platform admins). */
export function RequestsBy(props: { title: string; rows: { name: string; requests: number }[] }) {
  const summary = props.rows.map((r) => `${r.name}: ${r.requests}`).join(", ");
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{props.title}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {props.rows.length === 0 ? (
          <Empty />
        ) : (
          <>
            <figure
              aria-label={`${props.title}: ${summary}`}
              style={{ height: Math.max(160, props.rows.length * 28) }}
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={props.rows} layout="vertical" margin={{ left: 8, right: 16 }}>
                  <CartesianGrid horizontal={false} stroke="var(--border)" />
                  <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} axisLine={false} />
                  <YAxis
                    type="category"
                    dataKey="name"
                    width={200}
                    tick={AXIS_TICK}
                    tickLine={false}
                    axisLine={false}
                  />
                  <Tooltip cursor={{ fill: "var(--muted)" }} contentStyle={TOOLTIP_STYLE} />
                  <Bar
                    dataKey="requests"
                    name="Requests"
                    fill="var(--chart-2)"
                    radius={[0, 4, 4, 0]}
                  />
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
