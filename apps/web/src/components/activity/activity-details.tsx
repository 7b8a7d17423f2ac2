"use client";

// The details drawer of one audit entry: the sentence, who and from where, and each changed field before/after.
import type { AuditEntryOutput } from "~/trpc/outputs";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
} from "~/components/ui/sheet";

const show = (value: unknown) =>
  value === null || value === undefined
    ? "—"
    : typeof value === "string"
      ? value
      : JSON.stringify(value);

export function ActivityDetails(props: {
  entry: AuditEntryOutput | null;
  sentence: string;
  onClose: () => void;
}) {
  const entry = props.entry;
  return (
    <Sheet open={entry !== null} onOpenChange={(open) => (open ? null : props.onClose())}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-lg">
        <SheetHeader>
          <SheetTitle>{props.sentence}</SheetTitle>
          <SheetDescription>{entry ? entry.createdAt.toISOString() : ""}</SheetDescription>
        </SheetHeader>
        {entry ? (
          <div className="space-y-4 px-4 pb-6 text-sm">
            <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
              <dt className="text-muted-foreground">Action</dt>
              <dd className="font-mono">{entry.action}</dd>
              <dt className="text-muted-foreground">Actor</dt>
              <dd className="font-mono break-all">{entry.actorKind}</dd>
              <dt className="text-muted-foreground">Target</dt>
              <dd className="font-mono break-all">
                {entry.targetType} {entry.targetId ?? ""}
              </dd>
              <dt className="text-muted-foreground">IP address</dt>
              <dd>{entry.ip || "—"}</dd>
              <dt className="text-muted-foreground">User agent</dt>
              <dd className="break-all">{entry.userAgent || "—"}</dd>
              <dt className="text-muted-foreground">Request id</dt>
              <dd className="font-mono break-all">{entry.requestId || "—"}</dd>
            </dl>
            {Object.keys(entry.changes).length > 0 ? (
              <table className="w-full text-left">
                <caption className="mb-1 text-left font-medium">Changes</caption>
                <thead>
                  <tr className="text-muted-foreground">
                    <th className="py-1 pr-2 font-normal">Field</th>
                    <th className="py-1 pr-2 font-normal">Before</th>
                    <th className="py-1 font-normal">After</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(entry.changes).map(([field, change]) => (
                    <tr key={field} className="border-t align-top">
                      <td className="py-1 pr-2 font-mono">{field}</td>
                      <td className="py-1 pr-2 break-all">{show(change.before)}</td>
                      <td className="py-1 break-all">{show(change.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <div>
              <p className="mb-1 font-medium">Recorded details</p>
              <pre className="overflow-x-auto rounded-md bg-muted p-2 text-xs">
                {JSON.stringify(entry.metadata, null, 2)}
              </pre>
            </div>
          </div>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
