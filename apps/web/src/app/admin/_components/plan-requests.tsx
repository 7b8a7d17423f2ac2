// The owners' plan requests waiting for an answer, oldest first: approve (the plan changes, fit-checked) or
// decline, with an optional note the requester reads in their notification.
import Link from "next/link";

import type { RouterOutputs } from "@tenantry/api";

import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { getAdminDates } from "./admin-dates";
import { decidePlanRequestAction } from "./plan-actions";

type Request = RouterOutputs["admin"]["plans"]["requests"][number];

export async function PlanRequests(props: { requests: Request[]; returnTo: string }) {
  const dates = await getAdminDates();
  return (
    <section aria-labelledby="plan-requests" className="mb-8">
      <h2 id="plan-requests" className="mb-2 text-lg font-semibold">
        Plan requests
      </h2>
      {props.requests.length === 0 ? (
        <p className="text-sm text-muted-foreground">No plan requests waiting.</p>
      ) : (
        <ul aria-label="Plan requests" className="divide-y rounded-md border">
          {props.requests.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <Link
                href={`/admin/organizations/${r.organizationId}`}
                className="font-medium underline-offset-4 hover:underline"
              >
                {r.organizationName}
              </Link>
              <span>
                {r.fromPlan} → {r.toPlan}
              </span>
              <span className="text-muted-foreground">
                {r.requestedByEmail ?? "a former member"} · {dates.formatDateTime(r.createdAt)}
              </span>
              {r.message ? <span>“{r.message}”</span> : null}
              <form action={decidePlanRequestAction} className="ml-auto flex flex-wrap gap-2">
                <input type="hidden" name="returnTo" value={props.returnTo} />
                <input type="hidden" name="organizationId" value={r.organizationId} />
                <input type="hidden" name="requestId" value={r.id} />
                <Input
                  name="note"
                  maxLength={500}
                  placeholder="Note (optional)"
                  aria-label={`Note to ${r.organizationName}`}
                  className="h-8 w-44"
                />
                <Button type="submit" size="sm" name="decision" value="APPROVED">
                  Approve
                </Button>
                <Button type="submit" size="sm" variant="outline" name="decision" value="DECLINED">
                  Decline
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
