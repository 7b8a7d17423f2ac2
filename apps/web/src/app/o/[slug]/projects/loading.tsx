import { Skeleton } from "~/components/ui/skeleton";

/** Same geometry as the projects page, so nothing jumps when it arrives. */
export default function ProjectsLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading projects…</span>
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-2">
          <Skeleton className="h-8 w-36" />
          <Skeleton className="h-4 w-72 max-w-full" />
        </div>
        <Skeleton className="h-9 w-32" />
      </div>
      <Skeleton className="mb-4 h-9 w-full max-w-xs" />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex min-h-32 flex-col gap-3 rounded-xl border p-4">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="mt-auto h-3 w-24" />
          </div>
        ))}
      </div>
    </div>
  );
}
