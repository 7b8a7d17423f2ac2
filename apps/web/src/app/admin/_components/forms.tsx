// Small building blocks of the console's server-action forms.
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";

/** A one-line form: hidden fields, a required reason and a submit button (every admin action states why). */
export function ReasonForm(props: {
  action: (formData: FormData) => Promise<void>;
  returnTo: string;
  fields: Record<string, string>;
  label: string;
  /** What the action is about, for the reason field's accessible name (e.g. the organization's name). */
  subject: string;
  optionalReason?: boolean;
  variant?: "outline" | "destructive" | "default";
}) {
  return (
    <form action={props.action} className="flex flex-wrap gap-2">
      <input type="hidden" name="returnTo" value={props.returnTo} />
      {Object.entries(props.fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Input
        name="reason"
        required={!props.optionalReason}
        minLength={3}
        maxLength={500}
        placeholder={props.optionalReason ? "Reason (optional)" : "Reason"}
        aria-label={`Reason to ${props.label.toLowerCase()} ${props.subject}`}
        className="h-8 w-48"
      />
      <Button type="submit" size="sm" variant={props.variant ?? "outline"}>
        {props.label}
      </Button>
    </form>
  );
}

export function ErrorAlert(props: { error?: string }) {
  if (!props.error) return null;
  return (
    <p role="alert" className="mb-4 text-sm text-destructive-text">
      {props.error.slice(0, 300)}
    </p>
  );
}
