"use client";

// The account pages' own tabs (profile, sessions, notifications), shown above each of them inside the app shell.
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "~/lib/utils";

export const ACCOUNT_PAGES = [
  { href: "/settings/profile", title: "Profile" },
  { href: "/settings/sessions", title: "Sessions" },
  { href: "/settings/notifications", title: "Notifications" },
] as const;

export function AccountNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Account" className="flex gap-1 border-b">
      {ACCOUNT_PAGES.map((page) => {
        const current = pathname === page.href;
        return (
          <Link
            key={page.href}
            href={page.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              current
                ? "border-primary text-foreground"
                : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {page.title}
          </Link>
        );
      })}
    </nav>
  );
}
