"use client";

// Errors inside an organization's pages keep the shell (sidebar, palette) and offer a retry.
import { ErrorView } from "~/components/states/error-view";

export default function OrganizationError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorView error={props.error} reset={props.reset} />;
}
