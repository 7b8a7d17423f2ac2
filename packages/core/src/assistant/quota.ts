// The organization's assistant allowance: prompt plus completion tokens per calendar month (UTC), from its effective
// limits (plan + overrides). Usage is the usage ledger's `assistant_tokens` (each stored reply records its tokens
// there, in its own transaction, under the message's id), so deleting a conversation does not give tokens back.
import type { TenantDb } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { PreconditionFailedError } from "../errors.ts";
import { effectiveLimits } from "../organization/limits.ts";
import { ledgerTotals } from "../usage/ledger.ts";

function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export async function assistantTokensThisMonth(
  db: TenantDb,
  organizationId: string,
  now = new Date(),
): Promise<number> {
  const from = monthStart(now);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  return (await ledgerTotals(db, organizationId, { from, to })).assistant_tokens;
}

export async function getAssistantUsage(
  db: TenantDb,
  actor: MemberActor,
): Promise<{ tokensThisMonth: number; limit: number | null }> {
  const { limits } = await effectiveLimits(db, actor.organizationId);
  return {
    tokensThisMonth: await assistantTokensThisMonth(db, actor.organizationId),
    limit: limits.assistantTokensPerMonth,
  };
}

/** Refuses a new model call once this month's allowance is spent (a reply may overrun it by its own length). */
export async function assertAssistantQuota(db: TenantDb, actor: MemberActor): Promise<void> {
  const { tokensThisMonth, limit } = await getAssistantUsage(db, actor);
  if (limit !== null && tokensThisMonth >= limit) {
    throw new PreconditionFailedError(
      `This organization has used its assistant allowance of ${limit.toLocaleString("en-US")} tokens this month; ` +
        "upgrade the plan or wait for next month",
    );
  }
}
