// The organization sidebar's entries (also listed in the ⌘K palette). Append an entry when your page exists;
// `permission` hides it from members who lack it (the page itself must still enforce it on the server).
import type { LucideIcon } from "lucide-react";
import {
  Activity,
  BarChart3,
  BookOpen,
  Bot,
  MessagesSquare,
  Building2,
  FolderKanban,
  Gauge,
  History,
  House,
  KeyRound,
  ShieldCheck,
  Tags,
  Users,
  UsersRound,
  Webhook,
} from "lucide-react";

import type { Permission } from "@tenantry/validators";

export interface NavItem {
  title: string;
  /** Builds the link for the organization's slug. */
  href: (slug: string) => string;
  icon: LucideIcon;
  permission?: Permission;
  /** "main" (top of the sidebar) or "settings" (grouped under Settings). Default "main". */
  section?: "main" | "settings";
  /** Extra words the command palette matches on. */
  keywords?: string[];
}

export const orgNav: NavItem[] = [
  {
    title: "Home",
    href: (slug) => `/o/${slug}/home`,
    icon: House,
    permission: "task.read",
    keywords: ["my tasks", "due", "dashboard", "start"],
  },
  {
    title: "Projects",
    href: (slug) => `/o/${slug}/projects`,
    icon: FolderKanban,
    permission: "project.read",
    keywords: ["work", "boards"],
  },
  {
    title: "Assistant",
    href: (slug) => `/o/${slug}/assistant`,
    icon: MessagesSquare,
    permission: "organization.read",
    keywords: ["chat", "agent", "ask", "knowledge"],
  },
  {
    title: "Analytics",
    href: (slug) => `/o/${slug}/analytics`,
    icon: BarChart3,
    permission: "task.read",
    keywords: ["charts", "reports", "tasks", "overdue"],
  },
  {
    title: "Agents",
    href: (slug) => `/o/${slug}/agents`,
    icon: Bot,
    permission: "organization.read",
    keywords: ["assistant", "ai", "copilot", "model", "prompt"],
  },
  {
    title: "Knowledge base",
    href: (slug) => `/o/${slug}/knowledge`,
    icon: BookOpen,
    permission: "organization.read",
    keywords: ["documents", "pdf", "upload", "assistant", "sources"],
  },
  {
    title: "Activity",
    href: (slug) => `/o/${slug}/activity`,
    icon: History,
    permission: "audit.read",
    keywords: ["audit", "log", "history"],
  },
  {
    title: "General",
    href: (slug) => `/o/${slug}/settings/general`,
    icon: Building2,
    permission: "organization.read",
    section: "settings",
    keywords: ["organization", "name", "slug", "delete", "archive", "transfer", "leave"],
  },
  {
    title: "Members",
    href: (slug) => `/o/${slug}/settings/members`,
    icon: Users,
    permission: "member.read",
    section: "settings",
    keywords: ["people", "invite", "invitations", "roles"],
  },
  {
    title: "Roles",
    href: (slug) => `/o/${slug}/settings/roles`,
    icon: ShieldCheck,
    permission: "member.read",
    section: "settings",
    keywords: ["permissions", "custom roles", "access"],
  },
  {
    title: "Teams",
    href: (slug) => `/o/${slug}/settings/teams`,
    icon: UsersRound,
    permission: "team.read",
    section: "settings",
    keywords: ["groups"],
  },
  {
    title: "Tags",
    href: (slug) => `/o/${slug}/settings/tags`,
    icon: Tags,
    permission: "tag.manage",
    section: "settings",
    keywords: ["labels", "colors", "tasks"],
  },
  {
    title: "Webhooks",
    href: (slug) => `/o/${slug}/settings/webhooks`,
    icon: Webhook,
    permission: "webhook.manage",
    section: "settings",
    keywords: ["integrations", "events", "endpoints", "deliveries"],
  },
  {
    title: "API keys",
    href: (slug) => `/o/${slug}/settings/api-keys`,
    icon: KeyRound,
    permission: "apikey.manage",
    section: "settings",
    keywords: ["tokens", "integrations", "cli", "programmatic"],
  },
  {
    title: "Usage",
    href: (slug) => `/o/${slug}/settings/usage`,
    icon: Activity,
    permission: "usage.read",
    section: "settings",
    keywords: ["api", "requests", "metering", "quota", "latency", "errors"],
  },
  {
    title: "Plan & usage",
    href: (slug) => `/o/${slug}/settings/plan`,
    icon: Gauge,
    permission: "organization.read",
    section: "settings",
    keywords: ["billing", "limits", "license", "seats"],
  },
];

/** Entries the member may see (pages stay reachable in a read-only organization: they show its state). */
export function visibleNav(permissions: readonly Permission[], items: NavItem[] = orgNav) {
  return items.filter((item) => !item.permission || permissions.includes(item.permission));
}
