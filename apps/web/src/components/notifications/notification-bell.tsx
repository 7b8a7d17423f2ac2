"use client";

// The top bar's bell: links to the notifications page with the unread count plus pending invitations addressed to
// the user, polled while the page is open.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Bell } from "lucide-react";

import { MY_INVITATIONS_POLL_MS } from "~/components/notifications/my-invitations";
import { useShell } from "~/components/shell/shell-context";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";

const POLL_MS = 30_000;

export function NotificationBell() {
  const trpc = useTRPC();
  const { organization } = useShell();
  const unread = useQuery({
    ...trpc.notification.unreadCount.queryOptions(),
    refetchInterval: POLL_MS,
  });
  // Invitations to other organizations count too: they are listed at the top of the notifications page.
  const invitations = useQuery({
    ...trpc.invitation.mine.queryOptions(),
    refetchInterval: MY_INVITATIONS_POLL_MS,
  });
  const count = (unread.data?.count ?? 0) + (invitations.data?.length ?? 0);
  const label = count > 0 ? `Notifications, ${count} unread` : "Notifications";
  return (
    <Button variant="ghost" size="icon" className="relative" asChild>
      <Link href={`/o/${organization.slug}/notifications`} aria-label={label} title={label}>
        <Bell aria-hidden="true" />
        {count > 0 ? (
          <span
            data-testid="notification-count"
            aria-hidden="true"
            className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-primary px-1 text-center text-[10px] leading-4 font-semibold text-primary-foreground"
          >
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </Link>
    </Button>
  );
}
