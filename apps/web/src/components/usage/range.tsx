// The usage pages' date range: a plain GET form (from, to as YYYY-MM-DD, UTC), so a range is a shareable URL.
import { USAGE_MAX_RANGE_DAYS, ZUsageRangeInput } from "@tenantry/validators";

import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";

const DAY_MS = 86_400_000;

/** The range asked for in the URL when valid, else the last 14 days. */
export function usageRange(params: { from?: string; to?: string }): { from: string; to: string } {
  const parsed = ZUsageRangeInput.safeParse({ from: params.from, to: params.to });
  if (parsed.success) return parsed.data;
  const to = new Date();
  return {
    from: new Date(to.getTime() - 13 * DAY_MS).toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
  };
}

export function RangePicker(props: { from: string; to: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Date range">
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
