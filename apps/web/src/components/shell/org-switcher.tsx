"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown, Plus } from "lucide-react";

import { CreateOrganizationDialog } from "~/components/organizations/create-organization";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { colorFor } from "~/lib/colors";
import { useTRPC } from "~/trpc/react";
import { useShell } from "./shell-context";

function OrgMark(props: { id: string; name: string }) {
  return (
    <span
      aria-hidden="true"
      data-testid="org-mark"
      style={{ backgroundColor: colorFor(props.id) }}
      className="flex size-8 shrink-0 items-center justify-center rounded-md text-sm font-semibold text-white"
    >
      {props.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** The active organization; choosing another goes to that organization's projects, or create a new one. */
export function OrgSwitcher(props: { onNavigate?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { organization } = useShell();
  const { data: organizations } = useQuery(trpc.organization.mine.queryOptions());
  const [creating, setCreating] = useState(false);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger className="flex w-full items-center gap-2 rounded-md p-1.5 text-left outline-none hover:bg-sidebar-accent focus-visible:ring-[3px] focus-visible:ring-ring/60 data-[state=open]:bg-sidebar-accent">
          <span className="sr-only">Switch organization, current:</span>
          <OrgMark id={organization.id} name={organization.name} />
          <span className="grid min-w-0 flex-1 leading-tight">
            <span className="truncate text-sm font-semibold">{organization.name}</span>
            <span className="truncate text-xs text-muted-foreground capitalize">
              {organization.plan.toLowerCase()} plan
            </span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align="start"
          className="w-(--radix-dropdown-menu-trigger-width) min-w-56"
        >
          <DropdownMenuLabel className="text-xs text-muted-foreground">
            Organizations
          </DropdownMenuLabel>
          {(organizations ?? [organization]).map((org) => (
            <DropdownMenuItem
              key={org.id}
              onSelect={() => {
                props.onNavigate?.();
                if (org.slug !== organization.slug) router.push(`/o/${org.slug}/home`);
              }}
            >
              <OrgMark id={org.id} name={org.name} />
              <span className="flex-1 truncate">{org.name}</span>
              {org.slug === organization.slug ? (
                <Check className="size-4" aria-label="Current organization" />
              ) : null}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <span
              aria-hidden="true"
              className="flex size-8 shrink-0 items-center justify-center rounded-md border border-dashed"
            >
              <Plus className="size-4" />
            </span>
            Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
