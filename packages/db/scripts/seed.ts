// Seeds a demo organization with an owner, a few projects and realistic tasks (statuses, priorities, tags, due
// dates around today, comments), once, so a first look at the board, the home and the charts is not empty;
// prints how to sign in.
import { hash } from "@node-rs/argon2";

import { createDb } from "../src/client.ts";
import { newId } from "../src/id.ts";
import { withTenantTransaction } from "../src/tenant.ts";

// eslint-disable-next-line no-restricted-syntax
const url = process.env.MIGRATE_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error("seed: set DATABASE_URL (or MIGRATE_DATABASE_URL)");
  process.exit(1);
}

export const DEMO = {
  email: "demo@tenantry.dev",
  password: "tenantry-demo-password",
  name: "Dana Demo",
  organization: { name: "Acme Inc", slug: "acme" },
  projects: [
    { key: "WEB", name: "Website relaunch", description: "New marketing site and docs" },
    { key: "MOB", name: "Mobile app", description: "iOS and Android clients" },
    { key: "BILL", name: "Billing migration", description: "Move invoices to the new provider" },
  ],
  tags: [
    { name: "frontend", color: "#1d4ed8" },
    { name: "backend", color: "#047857" },
    { name: "bug", color: "#b91c1c" },
    { name: "design", color: "#7e22ce" },
  ],
} as const;

type Status = "TODO" | "IN_PROGRESS" | "IN_REVIEW" | "DONE";
type Priority = "LOW" | "MEDIUM" | "HIGH" | "URGENT";
/** [project key, title, status, priority, due in days from today (null: none), tags, assigned to the owner] */
type SeedTask = [string, string, Status, Priority, number | null, string[], boolean];
const TASKS: SeedTask[] = [
  ["WEB", "Pricing page copy", "IN_PROGRESS", "HIGH", 2, ["frontend", "design"], true],
  ["WEB", "Hero illustration", "IN_REVIEW", "MEDIUM", 5, ["design"], true],
  ["WEB", "Fix broken footer links", "TODO", "URGENT", -2, ["frontend", "bug"], true],
  ["WEB", "Docs search", "TODO", "MEDIUM", 14, ["frontend", "backend"], false],
  ["WEB", "Set up analytics", "DONE", "LOW", -7, ["backend"], true],
  ["WEB", "Cookie banner", "DONE", "MEDIUM", -10, ["frontend"], false],
  ["MOB", "Push notifications", "IN_PROGRESS", "HIGH", 7, ["backend"], true],
  ["MOB", "Crash on launch (Android 12)", "TODO", "URGENT", 1, ["bug"], false],
  ["MOB", "Dark mode icons", "TODO", "LOW", null, ["design"], false],
  ["MOB", "Offline sync", "IN_REVIEW", "HIGH", 3, ["backend"], false],
  ["MOB", "App store screenshots", "DONE", "MEDIUM", -3, ["design"], true],
  ["BILL", "Export invoices from the old provider", "DONE", "HIGH", -14, ["backend"], true],
  ["BILL", "Map tax rates", "IN_PROGRESS", "MEDIUM", -1, ["backend"], true],
  ["BILL", "Customer email about the switch", "TODO", "MEDIUM", 10, [], false],
];

/** A calendar date `days` from today (UTC midnight, as the DATE column stores it). */
function dueIn(days: number) {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
}

const db = createDb({ connectionString: url, poolMax: 2 });
try {
  const existing = await db.user.findUnique({ where: { email: DEMO.email }, select: { id: true } });
  if (existing) {
    console.log("seed: demo data already present");
  } else {
    // Same argon2id costs as @tenantry/auth (m=19 MiB, t=2, p=1); verification reads them from the hash.
    const passwordHash = await hash(DEMO.password, {
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const user = await db.user.create({
      data: { email: DEMO.email, name: DEMO.name, passwordHash, emailVerified: new Date() },
      select: { id: true },
    });
    const organizationId = newId();
    // Seed through the tenant transaction so the data passes the same RLS checks as the application's writes.
    await withTenantTransaction(
      db,
      { userId: user.id, organizationId, role: "OWNER" },
      async (tx) => {
        await tx.organization.create({
          data: { id: organizationId, ...DEMO.organization, plan: "PRO" },
        });
        const membership = await tx.membership.create({
          data: { organizationId, userId: user.id, role: "OWNER" },
          select: { id: true },
        });
        const tagIds = new Map<string, string>();
        for (const tag of DEMO.tags) {
          const created = await tx.tag.create({
            data: { organizationId, ...tag },
            select: { id: true },
          });
          tagIds.set(tag.name, created.id);
        }
        for (const project of DEMO.projects) {
          const tasks = TASKS.filter((t) => t[0] === project.key);
          const { id: projectId } = await tx.project.create({
            data: { organizationId, createdById: user.id, ...project, taskSequence: tasks.length },
            select: { id: true },
          });
          for (const [index, [, title, status, priority, due, tags, mine]] of tasks.entries()) {
            const task = await tx.task.create({
              data: {
                organizationId,
                projectId,
                number: index + 1,
                title,
                status,
                priority,
                dueDate: due === null ? null : dueIn(due),
                completedAt: status === "DONE" ? new Date() : null,
                createdById: user.id,
                assignees: mine ? { create: { membershipId: membership.id } } : undefined,
                tags: {
                  create: tags.flatMap((name) => {
                    const tagId = tagIds.get(name);
                    return tagId ? [{ tagId }] : [];
                  }),
                },
              },
              select: { id: true },
            });
            if (status === "IN_REVIEW") {
              await tx.taskComment.create({
                data: {
                  organizationId,
                  taskId: task.id,
                  authorId: user.id,
                  body: "Ready for review: the preview link is in the pull request.",
                },
              });
            }
          }
        }
      },
    );
    console.log(
      `seed: created ${DEMO.organization.name} with ${DEMO.projects.length} projects and ${TASKS.length} tasks`,
    );
  }
  console.log(`seed: sign in as ${DEMO.email} / ${DEMO.password}`);
} finally {
  await db.$disconnect();
}
