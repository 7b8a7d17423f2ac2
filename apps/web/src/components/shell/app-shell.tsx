"use client";

import { useState } from "react";
import { Menu, Search } from "lucide-react";

import type { ShellOrganization } from "./shell-context";
import type { ShellUser } from "./user-menu";
import type { OrganizationAccess } from "~/lib/access/can";
import type { DateSettings } from "~/lib/dates";
import { NotificationBell } from "~/components/notifications/notification-bell";
import { Button } from "~/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "~/components/ui/sheet";
import { DatesProvider } from "~/lib/dates-context";
import { Breadcrumbs } from "./breadcrumbs";
import { CommandPalette } from "./command-palette";
import { ShellProvider, useShell } from "./shell-context";
import { Shortcuts } from "./shortcuts";
import { SidebarContent } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

/** The organization shell: sidebar (a sheet on phones), top bar with breadcrumbs and user menu, ⌘K palette. */
export function AppShell(props: {
  organization: ShellOrganization;
  access: OrganizationAccess;
  user: ShellUser;
  signOut: () => Promise<void>;
  /** Shown above every page (e.g. why the organization is read-only). */
  banner?: React.ReactNode;
  /** The viewer's locale (request) and time zone (profile) for every date shown. */
  dates?: DateSettings;
  children: React.ReactNode;
}) {
  return (
    <DatesProvider locale={props.dates?.locale} timeZone={props.dates?.timeZone}>
      <ShellProvider organization={props.organization} access={props.access}>
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-[3px] focus:ring-ring/60"
        >
          Skip to content
        </a>
        <div className="flex min-h-dvh">
          <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 border-r border-sidebar-border bg-sidebar text-sidebar-foreground md:block">
            <SidebarContent />
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <TopBar user={props.user} signOut={props.signOut} />
            <main
              id="main"
              tabIndex={-1}
              className="w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8"
            >
              {props.banner}
              {props.children}
            </main>
          </div>
        </div>
        <CommandPalette />
        <Shortcuts />
      </ShellProvider>
    </DatesProvider>
  );
}

function TopBar(props: { user: ShellUser; signOut: () => Promise<void> }) {
  const [navOpen, setNavOpen] = useState(false);
  const { setPaletteOpen } = useShell();
  return (
    <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/80 sm:px-6">
      <Sheet open={navOpen} onOpenChange={setNavOpen}>
        <Button
          variant="ghost"
          size="icon"
          className="md:hidden"
          aria-label="Open navigation"
          onClick={() => setNavOpen(true)}
        >
          <Menu aria-hidden="true" />
        </Button>
        <SheetContent side="left" className="w-72 bg-sidebar p-0 text-sidebar-foreground">
          <SheetTitle className="sr-only">Navigation</SheetTitle>
          <SheetDescription className="sr-only">Organization pages and switcher</SheetDescription>
          <SidebarContent className="pt-12" onNavigate={() => setNavOpen(false)} />
        </SheetContent>
      </Sheet>
      <div className="min-w-0 flex-1">
        <Breadcrumbs />
      </div>
      <Button
        variant="outline"
        size="sm"
        className="hidden text-muted-foreground sm:inline-flex"
        onClick={() => setPaletteOpen(true)}
      >
        <Search aria-hidden="true" />
        Search
        <kbd className="ml-2 rounded border bg-muted px-1.5 font-mono text-[10px]">Ctrl K</kbd>
      </Button>
      <Button
        variant="ghost"
        size="icon"
        className="sm:hidden"
        aria-label="Search"
        onClick={() => setPaletteOpen(true)}
      >
        <Search aria-hidden="true" />
      </Button>
      <NotificationBell />
      <UserMenu user={props.user} signOut={props.signOut} />
    </header>
  );
}
