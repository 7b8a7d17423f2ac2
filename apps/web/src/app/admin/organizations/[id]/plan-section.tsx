// The organization's plan and limits as the platform sets them: change the plan, override any limit (empty value =
// unlimited) or clear an override, each with a reason (audited in the organization's log and the platform's).
import type { RouterOutputs } from "@tenantry/api";
import { OVERRIDABLE_LIMITS, ZPlan } from "@tenantry/validators";

import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import {
  clearOverrideAction,
  setOverrideAction,
  setPlanAction,
} from "../../_components/plan-actions";

type Limits = RouterOutputs["admin"]["plans"]["limits"];

export const LIMIT_LABELS: Record<(typeof OVERRIDABLE_LIMITS)[number], string> = {
  maxMembers: "Members",
  maxProjects: "Projects",
  apiRequestsPerMonth: "API requests per month",
  rateLimitPerMinute: "API requests per minute",
  maxWebhookEndpoints: "Webhook endpoints",
  maxApiKeys: "API keys",
  assistantTokensPerMonth: "Assistant tokens per month",
};

const amount = (n: number | null) => (n === null ? "Unlimited" : n.toLocaleString("en-US"));

export function PlanSection(props: { organizationId: string; limits: Limits; returnTo: string }) {
  const { limits, organizationId, returnTo } = props;
  const overridden = new Map(limits.overrides.map((o) => [o.limit, o]));
  return (
    <section aria-labelledby="plan-limits" className="mb-8">
      <h2 id="plan-limits" className="mb-2 text-lg font-semibold">
        Plan and limits
      </h2>
      <form
        action={setPlanAction}
        aria-label="Change the plan"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-md border px-4 py-3"
      >
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="id" value={organizationId} />
        <div className="grid gap-1.5">
          <Label htmlFor="admin-plan">Plan</Label>
          <Select name="plan" defaultValue={limits.plan}>
            <SelectTrigger id="admin-plan" className="w-40" aria-label="Plan">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {ZPlan.options.map((p) => (
                <SelectItem key={p} value={p}>
                  {p}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <Input
          name="reason"
          required
          minLength={3}
          maxLength={500}
          placeholder="Reason"
          aria-label="Reason to change the plan"
          className="w-56"
        />
        <Button type="submit" variant="outline">
          Change plan
        </Button>
      </form>
      <ul aria-label="Limits" className="divide-y rounded-md border">
        {OVERRIDABLE_LIMITS.map((key) => {
          const override = overridden.get(key);
          return (
            <li key={key} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
              <span className="w-48 font-medium">{LIMIT_LABELS[key]}</span>
              <span className="w-28">{amount(limits.limits[key])}</span>
              <span className="w-40 text-muted-foreground">
                {override ? `override: ${override.reason}` : `from the ${limits.plan} plan`}
              </span>
              <form action={setOverrideAction} className="ml-auto flex flex-wrap gap-2">
                <input type="hidden" name="returnTo" value={returnTo} />
                <input type="hidden" name="id" value={organizationId} />
                <input type="hidden" name="limit" value={key} />
                <Input
                  name="value"
                  inputMode="numeric"
                  placeholder={key === "rateLimitPerMinute" ? "Number" : "Number or empty"}
                  aria-label={`Override of ${LIMIT_LABELS[key]}`}
                  className="h-8 w-32"
                />
                <Input
                  name="reason"
                  required
                  minLength={3}
                  maxLength={500}
                  placeholder="Reason"
                  aria-label={`Reason to override ${LIMIT_LABELS[key]}`}
                  className="h-8 w-40"
                />
                <Button type="submit" size="sm" variant="outline">
                  Override
                </Button>
              </form>
              {override ? (
                <form action={clearOverrideAction} className="flex gap-2">
                  <input type="hidden" name="returnTo" value={returnTo} />
                  <input type="hidden" name="id" value={organizationId} />
                  <input type="hidden" name="limit" value={key} />
                  <input type="hidden" name="reason" value="override cleared in the console" />
                  <Button type="submit" size="sm" variant="ghost">
                    Clear
                  </Button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-muted-foreground">
        Holds: {limits.holdings.members} members (with pending invitations),{" "}
        {limits.holdings.projects} projects, {limits.holdings.apiKeys} API keys,{" "}
        {limits.holdings.webhookEndpoints} webhook endpoints. An override stays when the plan
        changes.
      </p>
    </section>
  );
}
