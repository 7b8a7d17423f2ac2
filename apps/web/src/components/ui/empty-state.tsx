import type { LucideIcon } from "lucide-react";
import * as React from "react";

import { cn } from "~/lib/utils";

/** A friendly "nothing here yet" block with one call to action (pass a <Button> as `action`). */
export function EmptyState(props: {
  icon?: LucideIcon;
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
}) {
  const Icon = props.icon;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center",
        props.className,
      )}
    >
      {Icon ? (
        <div className="flex size-12 items-center justify-center rounded-full bg-muted">
          <Icon className="size-6 text-muted-foreground" aria-hidden="true" />
        </div>
      ) : null}
      <div className="space-y-1">
        <h2 className="text-base font-semibold">{props.title}</h2>
        {props.description ? (
          <p className="mx-auto max-w-sm text-sm text-muted-foreground">{props.description}</p>
        ) : null}
      </div>
      {props.action ? <div className="mt-2">{props.action}</div> : null}
    </div>
  );
}
