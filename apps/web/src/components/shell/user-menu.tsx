"use client";

import Link from "next/link";
import { useTransition } from "react";
import { LogOut, ShieldCheck, UserRound } from "lucide-react";

import { Avatar, AvatarFallback } from "~/components/ui/avatar";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { initials } from "~/lib/utils";
import { ThemeMenuSub } from "./theme-toggle";

export interface ShellUser {
  name: string | null;
  email: string;
  /** Platform staff (platform role ADMIN): the menu links to the admin console. */
  platformAdmin?: boolean;
}

export function UserMenu(props: { user: ShellUser; signOut: () => Promise<void> }) {
  const [pending, startTransition] = useTransition();
  const display = props.user.name ?? props.user.email;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="rounded-full outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60">
        <span className="sr-only">Account menu for {display}</span>
        <Avatar aria-hidden="true">
          <AvatarFallback className="bg-secondary text-secondary-foreground">
            {initials(display)}
          </AvatarFallback>
        </Avatar>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="grid font-normal">
          <span className="truncate font-medium">{display}</span>
          <span className="truncate text-xs text-muted-foreground">{props.user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/profile">
            <UserRound aria-hidden="true" />
            Profile
          </Link>
        </DropdownMenuItem>
        {props.user.platformAdmin ? (
          <DropdownMenuItem asChild>
            <Link href="/admin">
              <ShieldCheck aria-hidden="true" />
              Admin console
            </Link>
          </DropdownMenuItem>
        ) : null}
        <ThemeMenuSub />
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={pending}
          onSelect={(event) => {
            event.preventDefault();
            startTransition(async () => {
              await props.signOut();
            });
          }}
        >
          <LogOut aria-hidden="true" />
          {pending ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
