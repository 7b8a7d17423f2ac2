import type { Metadata } from "next";
import Link from "next/link";

import { MyInvitations } from "~/components/notifications/my-invitations";
import { NotificationList } from "~/components/notifications/notification-list";
import { PageHeader } from "~/components/ui/page-header";

export const metadata: Metadata = { title: "Notifications" };

export default function NotificationsPage() {
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            What happened that concerns you in this organization.{" "}
            <Link href="/settings/notifications" className="underline">
              Choose what you are told
            </Link>
            .
          </>
        }
      />
      <div className="space-y-6">
        <MyInvitations />
        <NotificationList />
      </div>
    </>
  );
}
