"use client";

import { ErrorView } from "~/components/states/error-view";

export default function RootError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="px-4 py-16">
      <ErrorView error={props.error} reset={props.reset} />
    </main>
  );
}
