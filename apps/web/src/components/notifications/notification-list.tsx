"use client";

// The member's notifications, newest first: each reads as a sentence linked to what it is about; opening one or
// "Mark all read" clears the bell.
import Link from "next/link";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Bell, CheckCheck } from "lucide-react";

import type { TNotificationOutput } from "@tenantry/validators";
import { notificationSentence } from "@tenantry/validators";

import { useShell } from "~/components/shell/shell-context";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";

function hrefOf(slug: string, n: TNotificationOutput): string {
  const { projectId, taskId } = n.data;
  if (projectId && taskId) return `/o/${slug}/projects/${projectId}/tasks/${taskId}`;
  if (n.kind === "OWNERSHIP_TRANSFER") return `/o/${slug}/settings/general`;
  if (n.kind === "INVITATION_ACCEPTED") return `/o/${slug}/settings/members`;
  if (n.kind === "PLAN_REQUEST") return `/o/${slug}/settings/plan`;
  return `/o/${slug}/notifications`;
}

export function NotificationList() {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { organization } = useShell();
  const pages = useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.notification.pathFilter());
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(
    trpc.notification.markAllRead.mutationOptions({ onSuccess: refresh }),
  );
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  if (pages.isPending) return <p className="text-sm text-muted-foreground">Loading…</p>;
  if (items.length === 0) {
    return (
      <EmptyState
        icon={Bell}
        title="No notifications"
        description="Mentions, assignments and comments on your tasks show up here."
      />
    );
  }
  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <Button
          variant="outline"
          size="sm"
          onClick={() => markAll.mutate()}
          disabled={markAll.isPending}
        >
          <CheckCheck aria-hidden="true" />
          Mark all read
        </Button>
      </div>
      <ul aria-label="Notifications" className="divide-y rounded-md border">
        {items.map((n) => (
          <li
            key={n.id}
            data-unread={n.readAt ? undefined : "true"}
            className="flex items-start gap-3 p-3"
          >
            <span
              aria-hidden="true"
              className={`mt-2 size-2 shrink-0 rounded-full ${n.readAt ? "bg-transparent" : "bg-primary"}`}
            />
            <div className="min-w-0 flex-1">
              <Link
                href={hrefOf(organization.slug, n)}
                className="font-medium hover:underline"
                onClick={() => {
                  if (!n.readAt) markRead.mutate({ ids: [n.id] });
                }}
              >
                {notificationSentence(n.kind, n.data)}
              </Link>
              {n.data.excerpt ? (
                <p className="truncate text-sm text-muted-foreground">{n.data.excerpt}</p>
              ) : null}
              <time dateTime={n.createdAt.toISOString()} className="text-xs text-muted-foreground">
                {formatDateTime(n.createdAt)}
              </time>
            </div>
            {n.readAt ? null : (
              <Button variant="ghost" size="sm" onClick={() => markRead.mutate({ ids: [n.id] })}>
                Mark read
              </Button>
            )}
          </li>
        ))}
      </ul>
      {pages.hasNextPage ? (
        <Button
          variant="outline"
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          Load more
        </Button>
      ) : null}
    </div>
  );
}
