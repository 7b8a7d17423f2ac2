"use client";

// The list of the dashboard's management pages (knowledge documents, agents, API keys): the empty state when there
// is nothing, else a bordered list with one row per item; and the confirm-first action those rows carry (delete,
// revoke, rotate), a small ghost button that opens a confirmation dialog.
import type { LucideIcon } from "lucide-react";

import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { cn } from "~/lib/utils";

export function ItemList<T>(props: {
  /** The list's accessible name. */
  label: string;
  items: readonly T[];
  keyOf: (item: T) => string;
  empty: { icon: LucideIcon; title: string; description: React.ReactNode };
  /** Marks each row for tests that pick one out (`getByTestId(...).filter(...)`). */
  rowTestId?: string;
  children: (item: T) => React.ReactNode;
}) {
  if (props.items.length === 0) return <EmptyState {...props.empty} />;
  return (
    <ul aria-label={props.label} className="divide-y rounded-lg border">
      {props.items.map((item) => (
        <li
          key={props.keyOf(item)}
          className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm"
          data-testid={props.rowTestId}
        >
          {props.children(item)}
        </li>
      ))}
    </ul>
  );
}

export function ConfirmRowAction(props: {
  /** The button's text ("Delete") and its accessible name ("Delete handbook.pdf"). */
  label: string;
  ariaLabel: string;
  title: string;
  description: string;
  confirmLabel: string;
  /** Styles the button as a destructive action (default true). */
  destructive?: boolean;
  onConfirm: () => Promise<unknown>;
}) {
  const destructive = props.destructive ?? true;
  return (
    <ConfirmDialog
      title={props.title}
      description={props.description}
      confirmLabel={props.confirmLabel}
      onConfirm={props.onConfirm}
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className={cn(destructive && "text-destructive-text")}
          aria-label={props.ariaLabel}
        >
          {props.label}
        </Button>
      }
    />
  );
}
