import type { Metadata } from "next";

import { NOTIFICATION_KIND_LABELS } from "@tenantry/validators";

import { Button } from "~/components/ui/button";
import { callerFor } from "~/trpc/server";
import { setNotificationPreferenceAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const CHOICES = [
  ["both", "In-app and email"],
  ["in_app", "In-app only"],
  ["email", "Email only"],
  ["off", "Off"],
] as const;

export default async function NotificationSettingsPage() {
  const preferences = await (await callerFor(null)).notification.preferences();
  return (
    <section className="space-y-4 rounded-lg border bg-background p-6">
      <div>
        <h1 className="text-xl font-semibold">Notifications</h1>
        <p className="text-sm text-muted-foreground">
          How you are told, in every organization you belong to.
        </p>
      </div>
      <ul className="divide-y">
        {preferences.map((p) => {
          const current =
            p.inApp && p.email ? "both" : p.inApp ? "in_app" : p.email ? "email" : "off";
          return (
            <li key={p.kind}>
              <form
                action={setNotificationPreferenceAction}
                className="flex flex-wrap items-center gap-3 py-3"
              >
                <input type="hidden" name="kind" value={p.kind} />
                <label htmlFor={`pref-${p.kind}`} className="min-w-0 flex-1 text-sm">
                  {NOTIFICATION_KIND_LABELS[p.kind]}
                </label>
                <select
                  id={`pref-${p.kind}`}
                  name="choice"
                  defaultValue={current}
                  className="h-8 rounded-md border bg-background px-2 text-sm"
                >
                  {CHOICES.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <Button type="submit" size="sm" variant="outline">
                  Save
                </Button>
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
