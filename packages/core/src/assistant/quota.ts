// The organization's assistant allowance: prompt plus completion tokens per calendar month (UTC), from the plan.
// Usage is summed from the token counts stored on assistant messages (no usage ledger has landed yet), so a
// conversation deleted this month stops counting; the ledger of the metering work is the lasting record.
import type { TenantDb } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { PreconditionFailedError } from "../errors.ts";
import { PLANS } from "../organization/plans.ts";

function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export async function assistantTokensThisMonth(
  db: TenantDb,
  organizationId: string,
  now = new Date(),
): Promise<number> {
  const rows = await db.$queryRaw<{ used: bigint | null }[]>`
    SELECT SUM(COALESCE((metadata->>'promptTokens')::bigint, 0)
             + COALESCE((metadata->>'completionTokens')::bigint, 0)) AS used
    FROM assistant_messages
    WHERE organization_id = ${organizationId}::uuid AND role = 'ASSISTANT'
      AND created_at >= ${monthStart(now)}`;
  return Number(rows[0]?.used ?? 0);
}

export async function getAssistantUsage(
  db: TenantDb,
  actor: MemberActor,
): Promise<{ tokensThisMonth: number; limit: number | null }> {
  const org = await db.organization.findUnique({
    where: { id: actor.organizationId },
    select: { plan: true },
  });
  const limit = org ? PLANS[org.plan].assistantTokensPerMonth : null;
  return { tokensThisMonth: await assistantTokensThisMonth(db, actor.organizationId), limit };
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
