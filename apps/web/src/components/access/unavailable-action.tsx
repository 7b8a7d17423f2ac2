// An action the member cannot take, shown disabled with the reason beside it, so nobody fills in a form the
// server will refuse. Disabled buttons get no hover or focus, hence inline text instead of a tooltip.
import { useId } from "react";

import type { ButtonProps } from "~/components/ui/button";
import type { CanReason } from "~/lib/access/can";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";

export function UnavailableAction(
  props: {
    reason: CanReason;
    children: React.ReactNode;
    className?: string;
  } & Pick<ButtonProps, "variant" | "size">,
) {
  const id = useId();
  return (
    <div className={cn("flex flex-col items-start gap-1 sm:items-end", props.className)}>
      <Button variant={props.variant} size={props.size} disabled aria-describedby={id}>
        {props.children}
      </Button>
      <p id={id} data-slot="unavailable-reason" className="max-w-xs text-xs text-muted-foreground">
        {props.reason.message}
      </p>
    </div>
  );
}

/** A line explaining why a section's actions are missing (for tables and menus whose entries are hidden). */
export function UnavailableNote(props: { reason: CanReason | null; className?: string }) {
  if (!props.reason) return null;
  return (
    <p
      data-slot="unavailable-reason"
      className={cn("text-sm text-muted-foreground", props.className)}
    >
      {props.reason.message}
    </p>
  );
}
