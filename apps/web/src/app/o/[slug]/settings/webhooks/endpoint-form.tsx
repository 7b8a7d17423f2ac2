"use client";

// The fields of a webhook endpoint — URL, description, subscribed events and (when editing) the enabled flag —
// shared by the "New endpoint" card and each endpoint's edit form.
import { useId, useState } from "react";

import type { EventType } from "@tenantry/validators";

import type { CanReason } from "~/lib/access/can";
import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";

export interface EndpointFields {
  url: string;
  description: string;
  eventTypes: EventType[];
  enabled: boolean;
}

export function EndpointForm(props: {
  eventTypes: { type: string; description: string }[];
  initial?: EndpointFields;
  /** Shows the enabled checkbox (editing an existing endpoint). */
  withEnabled?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Why the form cannot be submitted (e.g. the plan's endpoint limit is reached), shown above the button. */
  unavailable?: CanReason | null;
  onSubmit: (fields: EndpointFields) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [url, setUrl] = useState(props.initial?.url ?? "");
  const [description, setDescription] = useState(props.initial?.description ?? "");
  const [selected, setSelected] = useState<EventType[]>(props.initial?.eventTypes ?? []);
  const [enabled, setEnabled] = useState(props.initial?.enabled ?? true);

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit({ url, description, eventTypes: selected, enabled });
      }}
    >
      <div className="space-y-1">
        <Label htmlFor={`${id}-url`}>URL</Label>
        <Input
          id={`${id}-url`}
          type="url"
          required
          value={url}
          placeholder="https://example.com/webhooks"
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${id}-description`}>Description</Label>
        <Input
          id={`${id}-description`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {props.eventTypes.map((t) => (
            <label key={t.type} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={selected.includes(t.type as EventType)}
                onChange={(e) =>
                  setSelected((s) =>
                    e.target.checked ? [...s, t.type as EventType] : s.filter((x) => x !== t.type),
                  )
                }
              />
              <span className="font-mono">{t.type}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {props.withEnabled ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
      ) : null}
      {props.error ? (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(props.error)}
        </p>
      ) : null}
      <UnavailableNote reason={props.unavailable ?? null} />
      <div className="flex gap-2">
        <Button
          type="submit"
          disabled={props.pending || selected.length === 0 || Boolean(props.unavailable)}
        >
          {props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button type="button" variant="outline" onClick={props.onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
