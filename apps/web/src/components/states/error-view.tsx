"use client";

import { AlertTriangle, RotateCw } from "lucide-react";

import { Button } from "~/components/ui/button";

/** Body of error boundaries: says what happened in plain words and offers a retry. */
export function ErrorView(props: {
  error: Error & { digest?: string };
  reset: () => void;
  title?: string;
}) {
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center"
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-destructive/10">
        <AlertTriangle className="size-6 text-destructive-text" aria-hidden="true" />
      </div>
      <h2 className="text-base font-semibold">{props.title ?? "Something went wrong"}</h2>
      <p className="text-sm text-muted-foreground">
        This part of the page could not be loaded. It may be a temporary problem; try again.
        {props.error.digest ? (
          <>
            <br />
            <span className="font-mono text-xs">Reference: {props.error.digest}</span>
          </>
        ) : null}
      </p>
      <Button onClick={props.reset} className="mt-2">
        <RotateCw aria-hidden="true" />
        Try again
      </Button>
    </div>
  );
}
