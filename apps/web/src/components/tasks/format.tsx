// Formatting helpers for task pages.
import { cn } from "~/lib/utils";

const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(date: Date) {
  return dateTimeFormat.format(date);
}

export function formatBytes(size: number) {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * User-written text (descriptions, comments) as plain text with its line breaks kept. No Markdown library is
 * installed, so nothing is parsed as Markdown or HTML: React renders a text node, which is safe by construction.
 */
export function PlainText(props: { text: string; className?: string }) {
  return <p className={cn("break-words whitespace-pre-wrap", props.className)}>{props.text}</p>;
}
