"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Search } from "lucide-react";

import { visibleNav } from "~/config/nav";
import { cn } from "~/lib/utils";
import { OrgSwitcher } from "./org-switcher";
import { useShell } from "./shell-context";

const linkClass =
  "flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium text-sidebar-foreground/85 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60 aria-[current=page]:bg-sidebar-accent aria-[current=page]:text-sidebar-accent-foreground [&_svg]:size-4 [&_svg]:shrink-0";

/** The sidebar's content, used by the desktop aside and the phone sheet. */
export function SidebarContent(props: { onNavigate?: () => void; className?: string }) {
  const pathname = usePathname();
  const { organization, access, setPaletteOpen } = useShell();
  const items = visibleNav(access.permissions);
  const main = items.filter((item) => (item.section ?? "main") === "main");
  const settings = items.filter((item) => item.section === "settings");

  const renderLink = (item: (typeof items)[number]) => {
    const href = item.href(organization.slug);
    const active = pathname === href || pathname.startsWith(`${href}/`);
    const Icon = item.icon;
    return (
      <Link
        key={href}
        href={href}
        className={linkClass}
        aria-current={active ? "page" : undefined}
        onClick={props.onNavigate}
      >
        <Icon aria-hidden="true" />
        <span className="truncate">{item.title}</span>
      </Link>
    );
  };

  return (
    <div className={cn("flex h-full flex-col gap-4 p-3", props.className)}>
      <OrgSwitcher onNavigate={props.onNavigate} />
      <nav aria-label="Organization" className="flex flex-1 flex-col gap-4 overflow-y-auto">
        <div className="grid gap-0.5">{main.map(renderLink)}</div>
        {settings.length > 0 ? (
          <div className="grid gap-0.5">
            <p className="px-2.5 pb-1 text-xs font-medium text-muted-foreground">Settings</p>
            {settings.map(renderLink)}
          </div>
        ) : null}
      </nav>
      <button
        type="button"
        className={cn(
          linkClass,
          "border border-sidebar-border bg-background text-muted-foreground",
        )}
        onClick={() => {
          props.onNavigate?.();
          setPaletteOpen(true);
        }}
      >
        <Search aria-hidden="true" />
        <span className="flex-1 text-left">Search…</span>
        <kbd className="hidden rounded border bg-muted px-1.5 font-mono text-[10px] text-muted-foreground md:inline">
          Ctrl K
        </kbd>
      </button>
    </div>
  );
}
