"use server";

// Server actions of the console's plan section: change an organization's plan, set or clear a limit override, and
// answer an owner's plan request. Each calls an admin.plans.* procedure (platform role checked, reason required,
// audited in the organization's log and the platform's) and returns to its page.
import { TRPCError } from "@trpc/server";

import { ZOverridableLimit, ZPlan } from "@tenantry/validators";

import { callerFor } from "~/trpc/server";
import { field, run } from "./action-helpers";

const invalid = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

export async function setPlanAction(formData: FormData) {
  const plan = ZPlan.safeParse(field(formData, "plan"));
  await run(formData, "The plan could not be changed", async () => {
    if (!plan.success) throw invalid("Choose a plan");
    await (
      await callerFor(null)
    ).admin.plans.setPlan({
      id: field(formData, "id"),
      plan: plan.data,
      reason: field(formData, "reason"),
    });
  });
}

export async function setOverrideAction(formData: FormData) {
  const limit = ZOverridableLimit.safeParse(field(formData, "limit"));
  const raw = field(formData, "value").trim();
  // Empty or "unlimited" means no limit; anything else must be a whole number.
  const value = raw === "" || raw.toLowerCase() === "unlimited" ? null : Number(raw);
  await run(formData, "The override could not be set", async () => {
    if (!limit.success) throw invalid("Choose a limit");
    if (value !== null && !Number.isInteger(value))
      throw invalid("The value must be a whole number");
    await (
      await callerFor(null)
    ).admin.plans.setOverride({
      id: field(formData, "id"),
      limit: limit.data,
      value,
      reason: field(formData, "reason"),
    });
  });
}

export async function clearOverrideAction(formData: FormData) {
  const limit = ZOverridableLimit.safeParse(field(formData, "limit"));
  await run(formData, "The override could not be cleared", async () => {
    if (!limit.success) throw invalid("Choose a limit");
    await (
      await callerFor(null)
    ).admin.plans.clearOverride({
      id: field(formData, "id"),
      limit: limit.data,
      reason: field(formData, "reason"),
    });
  });
}

export async function decidePlanRequestAction(formData: FormData) {
  const decision = field(formData, "decision") === "APPROVED" ? "APPROVED" : "DECLINED";
  await run(formData, "The request could not be answered", async () => {
    await (
      await callerFor(null)
    ).admin.plans.decide({
      organizationId: field(formData, "organizationId"),
      requestId: field(formData, "requestId"),
      decision,
      note: field(formData, "note"),
    });
  });
}
