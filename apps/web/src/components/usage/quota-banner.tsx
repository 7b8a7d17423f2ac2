// Tells the organization's admins (usage.read) that a monthly quota is at 80% or used up, with the reset time; the
// organization layout shows it above every page.
import Link from "next/link";
import { Gauge } from "lucide-react";

import type { RouterOutputs } from "@tenantry/api";
import { QUOTA_LABELS } from "@tenantry/validators";

type Quota = RouterOutputs["usage"]["quotas"][number];

export function quotaMessage(quota: Quota): string | null {
  if (quota.limit === null || !quota.warning) return null;
  const label = QUOTA_LABELS[quota.quota];
  const resets = quota.resetsAt.toISOString().slice(0, 16).replace("T", " ");
  if (quota.exceeded)
    return `This organization has used all ${quota.limit.toLocaleString("en-US")} ${label}: API clients are refused until ${resets} UTC.`;
  const share = Math.floor((quota.used * 100) / quota.limit);
  return `This organization has used ${share}% of its ${label} (${quota.used.toLocaleString("en-US")} of ${quota.limit.toLocaleString("en-US")}); the quota resets ${resets} UTC.`;
}

export function QuotaBanner(props: { slug: string; quotas: Quota[] }) {
  const messages = props.quotas.map(quotaMessage).filter((m): m is string => m !== null);
  if (messages.length === 0) return null;
  return (
    <div
      role="status"
      className="mb-6 flex items-start gap-2 rounded-lg border border-chart-4/50 bg-chart-4/10 px-4 py-3 text-sm"
    >
      <Gauge className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>
        {messages.join(" ")}{" "}
        <Link className="underline" href={`/o/${props.slug}/settings/usage`}>
          See usage
        </Link>
      </span>
    </div>
  );
}
