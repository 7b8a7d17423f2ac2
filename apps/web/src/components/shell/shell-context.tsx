"use client";

// State shared by the organization shell: the command palette's open state and breadcrumb labels that pages
// register for dynamic segments (a project's id -> its name).
import * as React from "react";

import type { RouterOutputs } from "@tenantry/api";

import type { OrganizationAccess } from "~/lib/access/can";

export type ShellOrganization = Pick<
  RouterOutputs["organization"]["current"],
  "id" | "name" | "slug" | "plan" | "role"
>;

interface ShellContextValue {
  organization: ShellOrganization;
  /** What the member may do there and whether the organization accepts changes (read it through useCan). */
  access: OrganizationAccess;
  paletteOpen: boolean;
  setPaletteOpen: (open: boolean) => void;
  labels: Record<string, string>;
  setLabel: (segment: string, label: string | null) => void;
}

const ShellContext = React.createContext<ShellContextValue | null>(null);

export function ShellProvider(props: {
  organization: ShellOrganization;
  access: OrganizationAccess;
  children: React.ReactNode;
}) {
  const [paletteOpen, setPaletteOpen] = React.useState(false);
  const [labels, setLabels] = React.useState<Record<string, string>>({});
  const setLabel = React.useCallback((segment: string, label: string | null) => {
    setLabels((current) => {
      if (label === null) {
        if (!(segment in current)) return current;
        const next = { ...current };
        delete next[segment];
        return next;
      }
      return current[segment] === label ? current : { ...current, [segment]: label };
    });
  }, []);
  const value = React.useMemo(
    () => ({
      organization: props.organization,
      access: props.access,
      paletteOpen,
      setPaletteOpen,
      labels,
      setLabel,
    }),
    [props.organization, props.access, paletteOpen, labels, setLabel],
  );
  return <ShellContext.Provider value={value}>{props.children}</ShellContext.Provider>;
}

export function useShell() {
  const value = React.useContext(ShellContext);
  if (!value) throw new Error("useShell must be used inside the organization shell");
  return value;
}

/**
 * Names a dynamic URL segment in the breadcrumbs, e.g. `<BreadcrumbLabel segment={project.id} label={project.name} />`
 * on a project's page. Renders nothing.
 */
export function BreadcrumbLabel(props: { segment: string; label: string }) {
  const { setLabel } = useShell();
  React.useEffect(() => {
    setLabel(props.segment, props.label);
  }, [props.segment, props.label, setLabel]);
  return null;
}
