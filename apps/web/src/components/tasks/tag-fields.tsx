"use client";

// A tag's name and color, validated with the API's own ZCreateTagInput. Used by the Tags settings page (as a form)
// and inside the edit-task dialog (nested: a group, since a form cannot contain another form).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";

import { ZCreateTagInput } from "@tenantry/validators";

import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { SWATCHES } from "~/lib/colors";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";

/** Preset colors offered for new tags (any #rrggbb is accepted); a new tag starts on the first one not in use. */
export const TAG_COLORS = SWATCHES;

export interface TagValues {
  name: string;
  color: string;
}

export function TagFields(props: {
  /** Prefix of the inputs' ids (unique per instance on the page). */
  idPrefix: string;
  initial?: TagValues;
  submitLabel: string;
  pending: boolean;
  /** The server's answer to the last attempt (e.g. a duplicate name). */
  serverError: string | null;
  onSubmit: (values: TagValues) => void;
  onCancel?: () => void;
  nested?: boolean;
  className?: string;
}) {
  const [name, setName] = useState(props.initial?.name ?? "");
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.tag.list.queryOptions(), enabled: !props.initial });
  const used = new Set((existing.data ?? []).map((t) => t.color.toLowerCase()));
  const suggested =
    TAG_COLORS.find((c) => !used.has(c)) ??
    TAG_COLORS[(existing.data?.length ?? 0) % TAG_COLORS.length] ??
    TAG_COLORS[0];
  // Until the user picks one, a new tag takes the suggested (unused) colour, which follows the tag list.
  const [picked, setColor] = useState<string | null>(props.initial?.color ?? null);
  const color = picked ?? suggested;
  const [clientError, setClientError] = useState<string | null>(null);
  const error = clientError ?? props.serverError;
  const errorId = `${props.idPrefix}-error`;

  const submit = () => {
    const parsed = ZCreateTagInput.safeParse({ name, color });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message ?? "Check the name and color");
      return;
    }
    setClientError(null);
    props.onSubmit(parsed.data);
  };

  const fields = (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor={`${props.idPrefix}-name`}>Tag name</Label>
        <Input
          id={`${props.idPrefix}-name`}
          autoComplete="off"
          maxLength={40}
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            // Nested in another form: Enter creates the tag instead of submitting the outer form.
            if (props.nested && e.key === "Enter") {
              e.preventDefault();
              submit();
            }
          }}
          className="w-56"
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${props.idPrefix}-color`}>Color</Label>
        <Input
          id={`${props.idPrefix}-color`}
          type="color"
          value={color}
          onChange={(e) => setColor(e.target.value)}
          className="h-9 w-14 cursor-pointer p-1"
        />
      </div>
      <div className="flex gap-2">
        <Button
          type={props.nested ? "button" : "submit"}
          variant={props.nested ? "outline" : "default"}
          pending={props.pending}
          onClick={props.nested ? submit : undefined}
        >
          {props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button type="button" variant="ghost" onClick={props.onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      {error ? (
        <p id={errorId} role="alert" className="basis-full text-sm text-destructive-text">
          {error}
        </p>
      ) : null}
    </>
  );

  const className = cn("flex flex-wrap items-end gap-3", props.className);
  return props.nested ? (
    <div role="group" aria-label="New tag" className={className}>
      {fields}
    </div>
  ) : (
    <form
      className={className}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {fields}
    </form>
  );
}
