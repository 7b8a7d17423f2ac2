import Link from "next/link";
import { FolderX } from "lucide-react";

import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";

export default function ProjectNotFound() {
  return (
    <EmptyState
      icon={FolderX}
      title="Project not found"
      description="It may have been deleted, or you may not have access to it."
      action={
        <Button asChild variant="outline">
          <Link href="../projects">Back to projects</Link>
        </Button>
      }
    />
  );
}
