// A labelled input with its field errors wired up for screen readers (aria-invalid + aria-describedby).
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";

export function Field(props: {
  id: string;
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  hint?: React.ReactNode;
  errors?: string[];
  required?: boolean;
}) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.errors?.length ? errorId : null, props.hint ? hintId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="grid gap-2">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        required={props.required ?? true}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {props.hint}
        </p>
      ) : null}
      {props.errors?.length ? (
        <p id={errorId} className="text-sm text-destructive-text dark:text-red-300">
          {props.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormAlert(props: { children: React.ReactNode }) {
  return (
    <p
      role="alert"
      className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive-text dark:text-red-300"
    >
      {props.children}
    </p>
  );
}

export function FormSuccess(props: { children: React.ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-md border border-emerald-600/30 bg-emerald-600/5 px-3 py-2 text-sm text-foreground"
    >
      {props.children}
    </div>
  );
}
