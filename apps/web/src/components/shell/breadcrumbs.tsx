"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import {
  Breadcrumb,
  BreadcrumbItem,
  BreadcrumbLink,
  BreadcrumbList,
  BreadcrumbPage,
  BreadcrumbSeparator,
} from "~/components/ui/breadcrumb";
import { orgNav } from "~/config/nav";
import { ACCOUNT_PAGES } from "./account-nav";
import { useShell } from "./shell-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function titleFor(segment: string, href: string, slug: string, labels: Record<string, string>) {
  const labelled = labels[segment];
  if (labelled) return labelled;
  const nav = orgNav.find((item) => item.href(slug) === href);
  if (nav) return nav.title;
  if (UUID.test(segment)) return "Details";
  const words = decodeURIComponent(segment).replace(/[-_]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Organization › section › item, from the URL; pages name dynamic segments with <BreadcrumbLabel />. */
export function Breadcrumbs() {
  const pathname = usePathname();
  const { organization, labels } = useShell();
  const base = `/o/${organization.slug}`;
  const rest = pathname.startsWith(base)
    ? pathname.slice(base.length).split("/").filter(Boolean)
    : [];
  const account = ACCOUNT_PAGES.find((page) => page.href === pathname);
  // The account pages sit in the shell of the last organization but belong to no organization: Account › page.
  const crumbs = account
    ? [
        { href: ACCOUNT_PAGES[0].href, title: "Account" },
        { href: account.href, title: account.title },
      ]
    : rest.map((segment, i) => {
        const href = `${base}/${rest.slice(0, i + 1).join("/")}`;
        return { href, title: titleFor(segment, href, organization.slug, labels) };
      });

  return (
    <Breadcrumb className="min-w-0">
      <BreadcrumbList className="flex-nowrap">
        <BreadcrumbItem className="hidden sm:inline-flex">
          <BreadcrumbLink asChild>
            <Link href={`${base}/home`}>{organization.name}</Link>
          </BreadcrumbLink>
        </BreadcrumbItem>
        {crumbs.map((crumb, i) => {
          const last = i === crumbs.length - 1;
          return [
            // On phones only the last crumb shows, so every separator hides with the items it sits between.
            <BreadcrumbSeparator key={`${crumb.href}-sep`} className="hidden sm:inline-flex" />,
            <BreadcrumbItem key={crumb.href} className={last ? "min-w-0" : "hidden sm:inline-flex"}>
              {last ? (
                <BreadcrumbPage className="block truncate">{crumb.title}</BreadcrumbPage>
              ) : (
                <BreadcrumbLink asChild>
                  <Link href={crumb.href}>{crumb.title}</Link>
                </BreadcrumbLink>
              )}
            </BreadcrumbItem>,
          ];
        })}
      </BreadcrumbList>
    </Breadcrumb>
  );
}
