import Link from "next/link";
import { Compass } from "lucide-react";

import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";

export function NotFoundView(props: { homeHref?: string; homeLabel?: string }) {
  return (
    <EmptyState
      icon={Compass}
      title="Page not found"
      description="The page does not exist, or you do not have access to it."
      action={
        <Button asChild>
          <Link href={props.homeHref ?? "/"}>{props.homeLabel ?? "Go to your workspace"}</Link>
        </Button>
      }
    />
  );
}
