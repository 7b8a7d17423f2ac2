// What the project page shows where its tasks will be while the board's columns stream in (server-rendered only).
import { Skeleton } from "~/components/ui/skeleton";
import { BOARD_STATUSES, STATUS_LABELS } from "./constants";

export function BoardSkeleton() {
  return (
    <section aria-busy="true" aria-labelledby="tasks-heading" className="mt-8">
      <h2 id="tasks-heading" className="mb-4 text-lg font-semibold">
        Tasks
      </h2>
      <span className="sr-only">Loading tasks…</span>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" aria-hidden="true">
        {BOARD_STATUSES.map((status) => (
          <div
            key={status}
            className="flex min-h-48 flex-col gap-2 rounded-xl border bg-muted/30 p-3"
          >
            <p className="text-sm font-semibold">{STATUS_LABELS[status]}</p>
            <Skeleton className="h-20 rounded-lg" />
            <Skeleton className="h-20 rounded-lg" />
          </div>
        ))}
      </div>
    </section>
  );
}
