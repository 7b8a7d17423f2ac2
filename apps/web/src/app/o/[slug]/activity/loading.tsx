import { DataTableSkeleton } from "~/components/ui/data-table";
import { Skeleton } from "~/components/ui/skeleton";

export default function ActivityLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading activity…</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-64 max-w-full" />
      </div>
      <div className="mb-3 flex gap-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-8 w-36" />
      </div>
      <DataTableSkeleton columns={4} rows={8} />
    </div>
  );
}
