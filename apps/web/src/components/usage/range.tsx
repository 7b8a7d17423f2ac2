// The usage pages' date range: a plain GET form (from, to as YYYY-MM-DD, UTC), so a range is a shareable URL.
import { USAGE_MAX_RANGE_DAYS, ZUsageRangeInput } from "@tenantry/validators";

import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";

const DAY_MS = 86_400_000;

export interface UsageRangeChoice {
  from: string;
  to: string;
  /** Why the range in the URL was not used (it was malformed or too long); null when it was, or none was asked. */
  error: string | null;
}

/** The range asked for in the URL when valid, else the last 14 days (with the reason when one was asked for). */
export function usageRange(params: {
  from?: string | string[];
  to?: string | string[];
}): UsageRangeChoice {
  const parsed = ZUsageRangeInput.safeParse({ from: params.from, to: params.to });
  if (parsed.success) return { ...parsed.data, error: null };
  const to = new Date();
  const fallback = {
    from: new Date(to.getTime() - 13 * DAY_MS).toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
  };
  if (params.from === undefined && params.to === undefined) return { ...fallback, error: null };
  // The refinements say what is wrong with two well-formed days; anything else is not a day.
  const issue = parsed.error.issues[0];
  const reason =
    issue?.code === "custom" ? issue.message : "dates are written YYYY-MM-DD, e.g. 2026-12-01";
  return {
    ...fallback,
    error: `The date range in the address could not be used (${reason}); showing the last 14 days.`,
  };
}

export function RangePicker(props: { from: string; to: string; error?: string | null }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Date range">
      {props.error ? (
        <p role="alert" className="w-full text-sm text-destructive">
          {props.error}
        </p>
      ) : null}
      <div className="grid gap-1.5">
        <Label htmlFor="usage-from">From</Label>
        <Input id="usage-from" name="from" type="date" defaultValue={props.from} required />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="usage-to">To</Label>
        <Input id="usage-to" name="to" type="date" defaultValue={props.to} required />
      </div>
      <Button type="submit" variant="outline">
        Show
      </Button>
      <p className="text-xs text-muted-foreground">
        UTC days, at most {USAGE_MAX_RANGE_DAYS} at a time.
      </p>
    </form>
  );
}

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
export const millis = (ms: number | null) => (ms === null ? "—" : `≤ ${ms} ms`);
