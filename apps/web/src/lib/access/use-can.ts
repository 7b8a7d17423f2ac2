"use client";

// useCan(permission): the member's answer for one action in the current organization, with the reason when no.
import { useQuery } from "@tanstack/react-query";

import type { TPermission } from "@tenantry/validators";

import type { CanReason, CanResult, PlanLimit } from "./can";
import { useShell } from "~/components/shell/shell-context";
import { useTRPC } from "~/trpc/react";
import { can, readOnlyReason } from "./can";

export function useCan(
  permission: TPermission,
  options: { limit?: PlanLimit; lifecycle?: boolean } = {},
): CanResult {
  const { access } = useShell();
  const trpc = useTRPC();
  // The layout prefetches plan.usage; actions that consume a limit invalidate it (see invalidatePlanUsage).
  const usage = useQuery({
    ...trpc.plan.usage.queryOptions(),
    enabled: options.limit !== undefined && access.status !== "DELETED",
  });
  return can(access, permission, { ...options, usage: usage.data ?? null });
}

/**
 * Why the organization refuses changes right now (archived, suspended, license lapsed), or null. For changes that
 * need no permission beyond membership (leaving, answering an ownership transfer), where useCan has none to name.
 */
export function useReadOnlyReason(): CanReason | null {
  const message = readOnlyReason(useShell().access);
  return message ? { kind: "read-only", message } : null;
}
