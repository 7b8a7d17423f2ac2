import { Skeleton } from "~/components/ui/skeleton";

export default function TagsLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading tags…</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
      <Skeleton className="mb-6 h-16 w-full max-w-xl rounded-lg" />
      <div className="space-y-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-12 w-full rounded-lg" />
        ))}
      </div>
    </div>
  );
}
