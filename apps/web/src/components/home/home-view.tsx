"use client";

// An organization's home: my open tasks by due date, what changed lately, projects with progress, and an
// onboarding checklist for a new organization that disappears once every step is done.
import Link from "next/link";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { CheckCircle2, Circle, FolderKanban, Inbox } from "lucide-react";

import { useShell } from "~/components/shell/shell-context";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { cn, plural } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { HOME_PROJECTS_LIMIT, myTasksInput, RECENT_TASKS_INPUT } from "./constants";
import { ProjectProgress } from "./project-progress";
import { TaskRow } from "./task-row";

export function HomeView(props: { membershipId: string }) {
  const { isOverdue } = useDates();
  const trpc = useTRPC();
  const { organization } = useShell();
  const mine = useSuspenseQuery(trpc.task.list.queryOptions(myTasksInput(props.membershipId)));
  const recent = useSuspenseQuery(trpc.task.list.queryOptions(RECENT_TASKS_INPUT));
  const projects = useSuspenseQuery(trpc.project.list.queryOptions({ limit: HOME_PROJECTS_LIMIT }));
  const myTasks = mine.data.items;
  const overdue = myTasks.filter((t) => isOverdue(t.dueDate, t.status)).length;

  return (
    <div className="space-y-6">
      <Onboarding
        hasProject={projects.data.items.length > 0}
        hasTask={recent.data.items.length > 0}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>My tasks</h2>
            </CardTitle>
            <CardDescription>
              {myTasks.length === 0
                ? "Nothing assigned to you is open."
                : `${plural(myTasks.length, "open task")}${overdue > 0 ? `, ${overdue} overdue` : ""}, soonest due first.`}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {myTasks.length === 0 ? (
              <EmptyState
                icon={Inbox}
                title="You're all caught up"
                description="Tasks assigned to you show up here."
                className="py-6"
              />
            ) : (
              <ul aria-label="My tasks" className="divide-y">
                {myTasks.map((task) => (
                  <TaskRow key={task.id} task={task} slug={organization.slug} />
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Recently added</h2>
            </CardTitle>
            <CardDescription>The newest tasks across your projects.</CardDescription>
          </CardHeader>
          <CardContent>
            {recent.data.items.length === 0 ? (
              <p className="text-sm text-muted-foreground">No tasks yet.</p>
            ) : (
              <ul aria-label="Recently added tasks" className="divide-y">
                {recent.data.items.map((task) => (
                  <TaskRow key={task.id} task={task} slug={organization.slug} />
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <section aria-labelledby="home-projects" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="home-projects" className="text-lg font-semibold">
            Projects
          </h2>
          <Link
            href={`/o/${organization.slug}/projects`}
            className="text-sm text-primary hover:underline"
          >
            All projects
          </Link>
        </div>
        {projects.data.items.length === 0 ? (
          <EmptyState
            icon={FolderKanban}
            title="No projects yet"
            description="Projects hold your organization's work."
          />
        ) : (
          <ul aria-label="Project progress" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {projects.data.items.map((p) => (
              <li key={p.id} className="space-y-3 rounded-xl border bg-card p-4">
                <div className="flex items-center gap-2">
                  <span className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{p.key}</span>
                  <Link
                    href={`/o/${organization.slug}/projects/${p.id}`}
                    className="min-w-0 truncate font-medium hover:underline"
                  >
                    {p.name}
                  </Link>
                </div>
                <ProjectProgress projectId={p.id} projectName={p.name} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** First steps of a new organization; hidden once a project, a second member and a task exist. */
function Onboarding(props: { hasProject: boolean; hasTask: boolean }) {
  const trpc = useTRPC();
  const { organization } = useShell();
  const canInvite = useCan("member.invite").allowed;
  const canReadMembers = useCan("member.read").allowed;
  const members = useQuery({
    ...trpc.member.list.queryOptions({ limit: 2 }),
    enabled: canReadMembers,
  });
  const invitedSomeone = !canReadMembers || (members.data?.items.length ?? 0) > 1;
  const base = `/o/${organization.slug}`;
  const steps = [
    { done: props.hasProject, label: "Create a project", href: `${base}/projects?new=1` },
    {
      done: invitedSomeone || !canInvite,
      label: "Invite a teammate",
      href: `${base}/settings/members`,
    },
    { done: props.hasTask, label: "Create a task", href: `${base}/projects` },
  ];
  if (!members.isFetched && canReadMembers) return null;
  if (steps.every((s) => s.done)) return null;
  return (
    <Card aria-labelledby="onboarding-title">
      <CardHeader>
        <CardTitle>
          <h2 id="onboarding-title">Get started</h2>
        </CardTitle>
        <CardDescription>
          A few steps to set up {organization.name}. Then try the{" "}
          <Link href="/api/docs" className="text-primary underline">
            API
          </Link>
          .
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="space-y-2">
          {steps.map((step) => (
            <li key={step.label} className="flex items-center gap-2 text-sm">
              {step.done ? (
                <CheckCircle2 className="size-4 text-success" aria-label="Done" />
              ) : (
                <Circle className="size-4 text-muted-foreground" aria-label="To do" />
              )}
              <Link
                href={step.href}
                className={cn("hover:underline", step.done && "text-muted-foreground line-through")}
              >
                {step.label}
              </Link>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
