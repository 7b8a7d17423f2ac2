import type { Metadata } from "next";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { callerFor } from "~/trpc/server";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";

export const metadata: Metadata = { title: "Sessions" };

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/iPhone|iPad/, "iOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Android/, "Android"],
  [/Linux/, "Linux"],
];
const pick = (table: [RegExp, string][], ua: string, fallback: string) =>
  table.find(([re]) => re.test(ua))?.[1] ?? fallback;

/** A short device description from the user agent ("Chrome on Linux", "API client"). */
function describe(userAgent: string, kind: "WEB" | "TOKEN"): string {
  if (kind === "TOKEN") return userAgent ? `API client (${userAgent.slice(0, 40)})` : "API client";
  return `${pick(BROWSERS, userAgent, "Browser")} on ${pick(SYSTEMS, userAgent, "unknown system")}`;
}

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

export default async function SessionsPage() {
  const sessions = await (await callerFor(null)).session.list();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
          <p className="text-sm text-muted-foreground">
            Devices and API clients signed in to your account. Revoke any you do not recognise.
          </p>
        </div>
        {others > 0 ? (
          <form action={revokeOtherSessionsAction}>
            <Button type="submit" variant="outline">
              Sign out all other sessions
            </Button>
          </form>
        ) : null}
      </div>
      <ul className="space-y-3" aria-label="Sessions">
        {sessions.map((s) => (
          <li
            key={s.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-xl border bg-card p-4"
          >
            <div className="space-y-1">
              <p className="flex items-center gap-2 font-medium">
                {describe(s.userAgent, s.kind)}
                {s.current ? <Badge variant="secondary">This device</Badge> : null}
              </p>
              <p className="text-xs text-muted-foreground">
                {s.ip ? `IP ${s.ip} · ` : ""}Signed in {when(s.createdAt)} · Last active{" "}
                {when(s.lastSeenAt)}
              </p>
            </div>
            <form action={revokeSessionAction}>
              <input type="hidden" name="id" value={s.id} />
              {s.current ? <input type="hidden" name="current" value="1" /> : null}
              <Button type="submit" variant="outline" size="sm">
                {s.current ? "Sign out" : "Revoke"}
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
